namespace LiveRoom.Server.Auth;

public sealed record IssuedToken(string AccessToken, long ExpiresIn);
