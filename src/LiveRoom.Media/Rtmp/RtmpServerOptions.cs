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

    /// <summary>From connecting to a completed handshake (publishers need one round trip).</summary>
    [Range(1, 300)]
    public int HandshakeTimeoutSeconds { get; set; } = 5;

    /// <summary>From connecting to an accepted publish.</summary>
    [Range(1, 300)]
    public int PublishTimeoutSeconds { get; set; } = 15;

    /// <summary>A publisher that sends nothing for this long is dropped.</summary>
    [Range(1, 300)]
    public int IdleTimeoutSeconds { get; set; } = 15;

    /// <summary>Connections waiting for an accepted publish, in all. When full, a newcomer takes the place of the oldest idle one.</summary>
    [Range(1, 10_000)]
    public int MaxPendingConnections { get; set; } = 32;

    /// <summary>Connections waiting for an accepted publish from one address (an IPv6 /64 counts as one). When full, a newcomer from it takes the place of its oldest idle one.</summary>
    [Range(1, 10_000)]
    public int MaxPendingPerAddress { get; set; } = 4;

    /// <summary>Until its publish is accepted a connection may only send commands: the largest message it may declare and what it may hold in partly received messages.</summary>
    [Range(4_096, 16 * 1024 * 1024)]
    public int MaxBytesBeforePublish { get; set; } = 64 * 1024;

    /// <summary>Bytes all RTMP connections together may hold in partly received messages; a connection that would go over it is closed.</summary>
    [Range(typeof(long), "1048576", "68719476736")]
    public long MaxBufferedBytesTotal { get; set; } = 256L * 1024 * 1024;

    /// <summary>Lines a minute about connections refused, evicted or closed before publishing; the rest of the minute is one summary line.</summary>
    [Range(0, 10_000)]
    public int MaxRefusalLogLinesPerMinute { get; set; } = 20;

    [Range(128, 65_536)]
    public int ChunkSize { get; set; } = 4096;
}
