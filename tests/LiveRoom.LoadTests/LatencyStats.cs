namespace LiveRoom.LoadTests;

/// <summary>Send-to-receive latency of the measured messages, taken from one clock in the load tool.</summary>
/// <param name="All">Every delivery.</param>
/// <param name="Json">Deliveries to JSON connections.</param>
/// <param name="MessagePack">Deliveries to MessagePack connections.</param>
/// <param name="LastViewer">Per message: until the last connection had it (the fan-out's completion time).</param>
public sealed record LatencyStats(
    LatencySummary All,
    LatencySummary Json,
    LatencySummary MessagePack,
    LatencySummary LastViewer);
