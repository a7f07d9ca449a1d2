namespace LiveRoom.LoadTests;

/// <summary>The whole machine over the measured window (from <c>/proc/stat</c>; null where unavailable).</summary>
/// <param name="Cores">Logical processors.</param>
/// <param name="BusyCores">CPU seconds used by every process per wall-clock second.</param>
/// <param name="OtherCores">Busy minus the server and the load tool: anything else that ran meanwhile.</param>
/// <param name="LoadAverage">The one-minute load average at the end of the window.</param>
public sealed record MachineUsage(int Cores, double? BusyCores, double? OtherCores, double? LoadAverage);
