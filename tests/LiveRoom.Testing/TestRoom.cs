namespace LiveRoom.Testing;

public sealed record TestRoom(string Id, string ViewerUrl, string StreamKey, string RtmpUrl);
