namespace LiveRoom.Media.Rtmp;

/// <summary>Bounds on AMF0 values read from a peer, so a hostile payload cannot exhaust the stack or memory.</summary>
public sealed record Amf0Limits(int MaxDepth = 8, int MaxEntries = 256, int MaxStringBytes = 64 * 1024)
{
    public static Amf0Limits Default { get; } = new();
}
