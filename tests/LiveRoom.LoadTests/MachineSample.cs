namespace LiveRoom.LoadTests;

/// <summary>The machine's CPU counters at a <see cref="System.Diagnostics.Stopwatch"/> timestamp.</summary>
internal sealed record MachineSample(long Timestamp, double? BusySeconds, double? LoadAverage);
