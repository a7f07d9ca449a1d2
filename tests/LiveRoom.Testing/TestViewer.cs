namespace LiveRoom.Testing;

public sealed record TestViewer(string ViewerId, string AccessToken, string DisplayName);
