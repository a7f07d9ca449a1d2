namespace LiveRoom.Media.Rtmp;

/// <summary>The peer broke the protocol or a limit; the connection is closed with this reason.</summary>
public sealed class RtmpProtocolException(string reason) : Exception(reason);
