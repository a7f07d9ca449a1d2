using System.Numerics;

namespace LiveRoom.LoadTests;

/// <summary>
/// A log-linear histogram of microsecond values in the manner of HdrHistogram: exact below 2,048 µs,
/// 1,024 sub-buckets per power of two above (relative error under 0.1 %). Recording is lock-free, so any
/// thread may record; memory is fixed (about 240 KB) however many samples arrive.
/// </summary>
internal sealed class LatencyHistogram
{
    private const int LinearLimit = 2048;
    private const int SubBucketBits = 10;
    private const int SubBuckets = 1 << SubBucketBits;
    private const int FirstExponent = 11;
    private const int LastExponent = 40;

    private readonly long[] _counts = new long[LinearLimit + ((LastExponent - FirstExponent + 1) * SubBuckets)];
    private long _count;
    private long _sum;
    private long _max;

    public long Count => Interlocked.Read(ref _count);

    public void Record(long microseconds)
    {
        var value = Math.Max(0, microseconds);
        Interlocked.Increment(ref _counts[IndexOf(value)]);
        Interlocked.Increment(ref _count);
        Interlocked.Add(ref _sum, value);
        var max = Interlocked.Read(ref _max);
        while (value > max)
        {
            var seen = Interlocked.CompareExchange(ref _max, value, max);
            if (seen == max) break;
            max = seen;
        }
    }

    public void RecordElapsed(long startTimestamp, long endTimestamp) =>
        Record(System.Diagnostics.Stopwatch.GetElapsedTime(startTimestamp, endTimestamp).Ticks / TimeSpan.TicksPerMicrosecond);

    /// <summary>Adds another histogram's samples to this one (call when neither is being recorded into).</summary>
    public void Add(LatencyHistogram other)
    {
        for (var i = 0; i < _counts.Length; i++) _counts[i] += other._counts[i];
        _count += other._count;
        _sum += other._sum;
        _max = Math.Max(_max, other._max);
    }

    public LatencySummary Summarize()
    {
        var count = Count;
        if (count == 0) return LatencySummary.Empty;
        return new LatencySummary(
            count,
            Milliseconds((double)Interlocked.Read(ref _sum) / count),
            Milliseconds(ValueAtQuantile(0.50)),
            Milliseconds(ValueAtQuantile(0.90)),
            Milliseconds(ValueAtQuantile(0.99)),
            Milliseconds(ValueAtQuantile(0.999)),
            Milliseconds(Interlocked.Read(ref _max)));
    }

    private double ValueAtQuantile(double quantile)
    {
        var count = Count;
        var rank = Math.Max(1, (long)Math.Ceiling(quantile * count));
        long seen = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            seen += Interlocked.Read(ref _counts[i]);
            if (seen >= rank) return Math.Min(MidpointOf(i), Interlocked.Read(ref _max));
        }

        return Interlocked.Read(ref _max);
    }

    private static int IndexOf(long value)
    {
        if (value < LinearLimit) return (int)value;
        var exponent = Math.Min(63 - BitOperations.LeadingZeroCount((ulong)value), LastExponent);
        var shift = exponent - SubBucketBits;
        var subBucket = (int)Math.Min(value >> shift, (2 * SubBuckets) - 1) - SubBuckets;
        return LinearLimit + ((exponent - FirstExponent) * SubBuckets) + subBucket;
    }

    private static double MidpointOf(int index)
    {
        if (index < LinearLimit) return index;
        var offset = index - LinearLimit;
        var exponent = FirstExponent + (offset / SubBuckets);
        var shift = exponent - SubBucketBits;
        var lower = (long)(SubBuckets + (offset % SubBuckets)) << shift;
        return lower + ((1L << shift) / 2.0);
    }

    private static double Milliseconds(double microseconds) => Math.Round(microseconds / 1000.0, 3);
}
