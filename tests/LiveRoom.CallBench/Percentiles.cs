using System.Globalization;

namespace LiveRoom.CallBench;

/// <summary>Nearest-rank percentiles of a sample, in milliseconds.</summary>
internal static class Percentiles
{
    public static double Of(IReadOnlyList<double> sorted, double percentile) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(percentile / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];

    public static string Describe(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return string.Create(CultureInfo.InvariantCulture,
            $"n={sorted.Length} p50={Of(sorted, 50):F0} ms p95={Of(sorted, 95):F0} ms p99={Of(sorted, 99):F0} ms max={(sorted.Length == 0 ? double.NaN : sorted[^1]):F0} ms");
    }
}
