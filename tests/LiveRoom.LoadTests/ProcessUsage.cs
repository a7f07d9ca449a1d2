namespace LiveRoom.LoadTests;

/// <summary>CPU and memory of one process over the measured window. Null fields were not available.</summary>
/// <param name="Source">Where the numbers came from: <c>metrics</c>, <c>proc</c> or <c>self</c>.</param>
/// <param name="CpuCores">CPU seconds used per wall-clock second (2.0 = both cores of this machine).</param>
/// <param name="CpuSeconds">CPU seconds used in the window.</param>
/// <param name="RssStartBytes">Resident memory when the window began.</param>
/// <param name="RssEndBytes">Resident memory when the window ended.</param>
/// <param name="RssPeakBytes">The highest resident memory seen since the run began.</param>
/// <param name="HubConnectionsAtEnd">The server's own count of hub connections, when it exposes one.</param>
public sealed record ProcessUsage(
    string Source,
    double? CpuCores,
    double? CpuSeconds,
    long? RssStartBytes,
    long? RssEndBytes,
    long? RssPeakBytes,
    double? HubConnectionsAtEnd);
