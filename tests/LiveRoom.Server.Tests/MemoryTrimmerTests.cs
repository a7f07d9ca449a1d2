using LiveRoom.Server.Diagnostics;

namespace LiveRoom.Server.Tests;

public sealed class MemoryTrimmerTests
{
    private const long Megabyte = 1024 * 1024;

    private static readonly MemoryTrimOptions Settings = new() { GarbageMegabytes = 64, QuietAllocationMegabytes = 64 };

    [Theory]
    [InlineData(1, 900, 0, true)] // quiet, after a burst left 900 MB behind
    [InlineData(500, 900, 0, false)] // still busy: the collector runs on its own
    [InlineData(1, 10, 0, false)] // quiet, but nothing worth a full collection
    [InlineData(1, 100, 90, false)] // the last trim left 90 MB it could not give back: not again for that
    [InlineData(1, 200, 90, true)] // but for as much again on top of it
    public void AQuietServerWithMuchReclaimableMemoryTrims(long allocatedMegabytes, long reclaimableMegabytes, long leftByLastTrimMegabytes, bool expected) =>
        MemoryTrimmer.ShouldTrim(allocatedMegabytes * Megabyte, reclaimableMegabytes * Megabyte, leftByLastTrimMegabytes * Megabyte, Settings).ShouldBe(expected);
}
