namespace LiveRoom.LoadTests;

/// <summary>A latency distribution in milliseconds (quantiles are accurate to about 0.1 %).</summary>
public sealed record LatencySummary(
    long Count,
    double MeanMs,
    double P50Ms,
    double P90Ms,
    double P99Ms,
    double P999Ms,
    double MaxMs)
{
    public static LatencySummary Empty { get; } = new(0, 0, 0, 0, 0, 0, 0);
}
