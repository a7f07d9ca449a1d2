using System.ComponentModel.DataAnnotations;

namespace LiveRoom.Server.Options;

/// <summary>Where hosts publish their stream.</summary>
public sealed class IngestOptions
{
    public const string SectionName = "LiveRoom:Ingest";

    [Range(1, 65_535)]
    public int RtmpPort { get; set; } = 1935;

    /// <summary>The RTMP server address given to hosts; empty: <c>rtmp://{host of the request}:{RtmpPort}/live</c>.</summary>
    public string? PublicRtmpUrl { get; set; }
}
