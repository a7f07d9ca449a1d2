using System.Diagnostics;

namespace LiveRoom.MediaBench;

/// <summary>The one clock every timestamp of a run is taken on: monotonic seconds (<see cref="Stopwatch"/>).</summary>
public static class Clock
{
    public static double Now => Stopwatch.GetTimestamp() / (double)Stopwatch.Frequency;
}
