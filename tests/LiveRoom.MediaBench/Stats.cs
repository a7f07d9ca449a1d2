namespace LiveRoom.MediaBench;

/// <summary>Summary numbers of a sample.</summary>
public static class Stats
{
    /// <summary>The <paramref name="p"/>-th percentile (0–100), interpolated between the nearest ranks; null for no values.</summary>
    public static double? Percentile(IEnumerable<double> values, double p)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0) return null;
        var rank = p / 100 * (sorted.Length - 1);
        var low = (int)Math.Floor(rank);
        var high = (int)Math.Ceiling(rank);
        return sorted[low] + ((sorted[high] - sorted[low]) * (rank - low));
    }
}
