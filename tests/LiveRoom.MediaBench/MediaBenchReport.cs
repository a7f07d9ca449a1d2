namespace LiveRoom.MediaBench;

public sealed record MediaBenchReport(
    DateTimeOffset StartedAt,
    double DurationSeconds,
    string ServerUrl,
    int? ServerPid,
    string FfmpegVersion,
    string? Note,
    MachineReport Machine,
    IReadOnlyList<SourceReport> Sources,
    LatencyReport? Latency,
    IReadOnlyList<string> Errors);

/// <summary>The machine, its load averages (1, 5, 15 min) before and after, and other benchmarks seen running.</summary>
public sealed record MachineReport(
    int Cores,
    string? CpuModel,
    double? MemoryGiB,
    double[]? LoadAtStart,
    double[]? LoadAtEnd,
    IReadOnlyList<string> OtherBenchmarksAtStart,
    IReadOnlyList<string> OtherBenchmarksAtEnd);

/// <summary>
/// One source's ladder: time to first segment, then a steady window: cores used by the server's ffmpeg
/// (<see cref="TranscoderCores"/>, the mean over the window; <see cref="TranscoderPeakCores"/>, the busiest second),
/// by the server process itself, by the publisher (stream copy, for the record) and by the whole machine.
/// <see cref="Speed"/> is the slowest rendition's (media seconds made per wall second), <see cref="PublisherSpeed"/>
/// the publisher's over the same window: the transcoder keeps real time when it keeps up with its input.
/// </summary>
public sealed record SourceReport(
    string Label,
    int Width,
    int Height,
    int Fps,
    int PublisherKbps,
    FirstSegmentReport FirstSegment,
    IReadOnlyList<RenditionReport> Renditions,
    double WindowSeconds,
    int? TranscoderPid,
    double? TranscoderCores,
    double? TranscoderPeakCores,
    double? ServerCores,
    double? PublisherCores,
    double? MachineBusyCores,
    double? Speed,
    double? PublisherSpeed,
    bool? KeepsRealTime,
    int TranscoderRestarts,
    string? Error);

/// <summary>A rendition during the window: segments and media made, speed (1 = real time), lag behind the wall clock at the first and last segment.</summary>
public sealed record RenditionReport(
    string Name,
    string Resolution,
    long? Bandwidth,
    int Segments,
    double MediaSeconds,
    double? Speed,
    double? LagFirstSeconds,
    double? LagLastSeconds);

/// <summary>
/// Glass-to-glass latency: flash sent by the publisher (calibrated, see <see cref="FlashPublisher"/>) → first
/// flash frame decoded by each receiver. <see cref="PublisherStartToT0Seconds"/> is how long after its start the
/// publisher's clock began. CPU (cores) over the <see cref="WindowSeconds"/> in which flashes were counted: the
/// server's ffmpeg, the publisher (which encodes live here), all receivers together, the whole machine.
/// </summary>
public sealed record LatencyReport(
    string Source,
    double PeriodSeconds,
    FirstSegmentReport FirstSegment,
    double? PublisherStartToT0Seconds,
    int CalibrationReports,
    double WindowSeconds,
    double? TranscoderCores,
    double? PublisherCores,
    double? ReceiversCores,
    double? MachineBusyCores,
    IReadOnlyList<ReceiverReport> Receivers);

/// <summary>One kind of receiver: <see cref="Receivers"/> of them (paced kinds join at spread moments), their flashes pooled.</summary>
public sealed record ReceiverReport(
    string Kind,
    string Description,
    string Url,
    int Receivers,
    int Count,
    double? P50,
    double? P90,
    double? Min,
    double? Max,
    double? Mean,
    double? FirstFrameSeconds,
    int Unrecognized,
    IReadOnlyList<double?> P50PerJoin,
    IReadOnlyList<FlashSample> Samples,
    string? Error);

/// <summary>Flash <see cref="Flash"/> (sent k periods after media time 0) arrived <see cref="LatencySeconds"/> after it was sent.</summary>
public sealed record FlashSample(long Flash, double LatencySeconds);
