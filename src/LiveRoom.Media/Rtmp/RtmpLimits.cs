namespace LiveRoom.Media.Rtmp;

/// <summary>
/// What one RTMP connection may make the server hold. Every value a peer declares is checked against these
/// before anything is allocated for it.
/// </summary>
public sealed record RtmpLimits
{
    public static RtmpLimits Default { get; } = new();

    /// <summary>The largest message a peer may declare (a 1080p keyframe is well under 2 MiB).</summary>
    public int MaxMessageLength { get; init; } = 8 * 1024 * 1024;

    /// <summary>Chunk sizes a peer may set. Below the minimum is refused (one-byte chunks multiply parsing work); above the maximum is treated as the maximum (no message is larger).</summary>
    public int MinChunkSize { get; init; } = 128;

    public int MaxChunkSize { get; init; } = 0xFFFFFF;

    /// <summary>Distinct chunk streams a peer may use (publishers use four or five).</summary>
    public int MaxChunkStreams { get; init; } = 16;

    /// <summary>Bytes held in partly received messages across all chunk streams.</summary>
    public int MaxBufferedBytes { get; init; } = 16 * 1024 * 1024;

    /// <summary>
    /// Until a publish is accepted a peer is a stranger that may only send commands, which are small: the
    /// largest message it may declare, and what it may hold in partly received messages, are this.
    /// </summary>
    public int MaxBytesBeforePublish { get; init; } = 64 * 1024;

    public Amf0Limits Amf0 { get; init; } = Amf0Limits.Default;
}
