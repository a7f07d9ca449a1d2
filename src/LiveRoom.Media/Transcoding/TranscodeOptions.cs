using System.ComponentModel.DataAnnotations;

namespace LiveRoom.Media.Transcoding;

/// <summary>How a live source becomes an adaptive HLS ladder (section <c>LiveRoom:Transcode</c>).</summary>
public sealed class TranscodeOptions
{
    public const string SectionName = "LiveRoom:Transcode";

    /// <summary>The ffmpeg binary: a name found on the PATH, or a full path (ffprobe is looked for beside it).</summary>
    [Required]
    public string FfmpegPath { get; set; } = "ffmpeg";

    /// <summary>
    /// How much of the stream may wait for a live ffmpeg (MiB). A transcoder this far behind is restarted, so a
    /// stalled ffmpeg never holds up the ingest or the HTTP-FLV viewers.
    /// </summary>
    [Range(1, 1024)]
    public int InputQueueMegabytes { get; set; } = 16;

    /// <summary>Lower renditions under the source (which is passed through); rungs not below the source are left out.</summary>
    public List<LadderRung> Rungs { get; set; } =
    [
        new() { Height = 720, VideoKbps = 2800 },
        new() { Height = 480, VideoKbps = 1200 },
        new() { Height = 360, VideoKbps = 700 },
    ];

    /// <summary>The x264 preset of the lower rungs.</summary>
    [Required]
    public string Preset { get; set; } = "veryfast";

    /// <summary>
    /// Encode the lower rungs for latency (<c>-tune zerolatency</c>: no B-frames, no lookahead): segments are
    /// written as soon as their frames are in rather than about a second later, at some quality per bit.
    /// </summary>
    public bool LowLatencyRungs { get; set; } = true;

    /// <summary>
    /// Target segment length. Segments are cut at the source's keyframes, so a segment lasts at least one
    /// keyframe interval: hosts are told to set <see cref="RecommendedKeyframeSeconds"/> to match.
    /// </summary>
    [Range(1, 10)]
    public int SegmentSeconds { get; set; } = 1;

    /// <summary>Segments kept in each live playlist.</summary>
    [Range(3, 60)]
    public int PlaylistSegments { get; set; } = 10;

    /// <summary>The keyframe interval hosts are told to set (seconds): segments cut at source keyframes.</summary>
    [Range(1, 10)]
    public int RecommendedKeyframeSeconds { get; set; } = 1;
}
