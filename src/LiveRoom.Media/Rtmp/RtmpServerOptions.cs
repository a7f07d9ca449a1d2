using System.ComponentModel.DataAnnotations;

namespace LiveRoom.Media.Rtmp;

/// <summary>The RTMP ingest (section <c>LiveRoom:Ingest</c>).</summary>
public sealed class RtmpServerOptions
{
    public const string SectionName = "LiveRoom:Ingest";

    [Range(0, 65_535)]
    public int RtmpPort { get; set; } = 1935;

    /// <summary>The address the ingest listens on (loopback by default, like the web server; 0.0.0.0 to take publishers from other machines).</summary>
    public string ListenAddress { get; set; } = "127.0.0.1";

    /// <summary>The RTMP server address given to hosts; empty: <c>rtmp://{host of the request}:{RtmpPort}/live</c>.</summary>
    public string? PublicRtmpUrl { get; set; }

    [Range(1, 300)]
    public int HandshakeTimeoutSeconds { get; set; } = 10;

    /// <summary>From connecting to an accepted publish.</summary>
    [Range(1, 300)]
    public int PublishTimeoutSeconds { get; set; } = 15;

    /// <summary>A publisher that sends nothing for this long is dropped.</summary>
    [Range(1, 300)]
    public int IdleTimeoutSeconds { get; set; } = 15;

    [Range(1, 10_000)]
    public int MaxPendingConnections { get; set; } = 32;

    [Range(128, 65_536)]
    public int ChunkSize { get; set; } = 4096;
}
