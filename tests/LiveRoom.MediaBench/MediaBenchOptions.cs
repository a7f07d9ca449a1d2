namespace LiveRoom.MediaBench;

/// <summary>What the benchmark does; the defaults are the documented run.</summary>
public sealed record MediaBenchOptions
{
    public Uri ServerUrl { get; init; } = new("http://127.0.0.1:5095/");

    public string? AdminEmail { get; init; }

    public string? AdminPassword { get; init; }

    /// <summary>The server process, for its own CPU (the transcoder is found by its command line either way).</summary>
    public int? ServerPid { get; init; }

    public string FfmpegPath { get; init; } = "ffmpeg";

    /// <summary>Where the publisher clips are kept between runs.</summary>
    public string WorkDirectory { get; init; } = Path.Combine(Path.GetTempPath(), "liveroom-mediabench");

    /// <summary>Sources whose transcoding CPU is measured (each also gives a time to first segment); empty: none.</summary>
    public IReadOnlyList<SourceSpec> Sources { get; init; } = [new(1280, 720, 30, 2), new(1920, 1080, 30, 2)];

    /// <summary>The x264 preset the publisher encodes with (clips and the flash source).</summary>
    public string PublisherPreset { get; init; } = "veryfast";

    /// <summary>Transcoding before the CPU window starts (ffmpeg's start and the first segments are left out).</summary>
    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The CPU window.</summary>
    public TimeSpan Window { get; init; } = TimeSpan.FromSeconds(40);

    public TimeSpan FirstSegmentTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The latency source; null: no latency measurement.</summary>
    public SourceSpec? LatencySource { get; init; } = new(1280, 720, 30, 2);

    /// <summary>Flashes each receiver must see (the run ends when all have them, or at a bound).</summary>
    public int Flashes { get; init; } = 10;

    /// <summary>
    /// Seconds between flashes. 3.1 rather than 3: with 2 s segments, flashes every 3 s would all fall at 0 s or
    /// 1 s into a segment; 3.1 s walks them through every position, as real events are.
    /// </summary>
    public double FlashPeriodSeconds { get; init; } = 3.1;

    /// <summary>
    /// Receivers started for each paced kind, their joins spread over one keyframe interval: a paced player's
    /// latency depends on where in the GOP/segment it joined, so one join is one draw.
    /// </summary>
    public int PacedJoins { get; init; } = 3;

    public IReadOnlyList<ReceiverKind> Receivers { get; init; } =
        [ReceiverKind.Flv, ReceiverKind.FlvPaced, ReceiverKind.Hls, ReceiverKind.HlsPaced, ReceiverKind.HlsLowest];

    /// <summary>Where the paced HLS receiver starts: this many segments before the end of the playlist (the viewer page's hls.js: 2 s, two 1 s segments).</summary>
    public int HlsStartSegments { get; init; } = 2;

    /// <summary>Free text carried into the report (e.g. the server settings of this run).</summary>
    public string? Note { get; init; }
}
