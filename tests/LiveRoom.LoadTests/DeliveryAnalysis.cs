namespace LiveRoom.LoadTests;

/// <summary>What <see cref="DeliveryTracker.Analyze"/> found.</summary>
internal sealed record DeliveryAnalysis(
    long Expected,
    long Received,
    long Missing,
    long OfUnacknowledgedMessages,
    int ConnectionsMissingSome,
    long LastDeliveryTimestamp,
    LatencyStats Latency);
