
namespace LiveRoom.LoadTests;

/// <summary>One reading of a process's counters at a <see cref="System.Diagnostics.Stopwatch"/> timestamp.</summary>
internal sealed record ProcessSample(
    long Timestamp,
    string Source,
    double? CpuSeconds,
    long? RssBytes,
    long? PeakRssBytes,
    double? HubConnections,
    double? Frames = null,
    double? ChatMessages = null,
    double? Refusals = null);
