using LiveRoom.Server.Diagnostics;

namespace LiveRoom.Server.Tests;

public sealed class MemoryTrimmerTests
{
    private const long Megabyte = 1024 * 1024;

    private static readonly MemoryTrimOptions Settings = new() { GarbageMegabytes = 64, QuietAllocationMegabytes = 64 };

    [Theory]
    [InlineData(1, 900, true)] // quiet, after a burst left 900 MB behind
    [InlineData(500, 900, false)] // still busy: the collector runs on its own
    [InlineData(1, 10, false)] // quiet, but nothing worth a full collection
    public void AQuietServerWithMuchReclaimableMemoryTrims(long allocatedMegabytes, long reclaimableMegabytes, bool expected) =>
        MemoryTrimmer.ShouldTrim(allocatedMegabytes * Megabyte, reclaimableMegabytes * Megabyte, Settings).ShouldBe(expected);
}
