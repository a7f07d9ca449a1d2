using LiveRoom.Media.Rtmp;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace LiveRoom.Media.Tests;

public sealed class RtmpRefusalLogTests
{
    [Fact]
    public void RefusalsBeyondTheLinesOfAMinuteBecomeOneSummaryLine()
    {
        var logs = new CollectingLoggerProvider();
        using var factory = LoggerFactory.Create(b => b.AddProvider(logs));
        var clock = new FakeTimeProvider();
        var log = new RtmpRefusalLog(factory.CreateLogger("rtmp"), clock, linesPerMinute: 3);

        for (var i = 0; i < 10; i++) log.Report($"192.0.2.{i % 2}:1000", (UInt128)(i % 2), "timed out: the handshake stalled");
        log.FlushIfDue();

        logs.Lines.Count.ShouldBe(3, "three lines, the rest wait for the end of the minute");
        clock.Advance(TimeSpan.FromSeconds(61));
        log.FlushIfDue();
        logs.Lines.Count.ShouldBe(4);
        logs.Lines.Last().ShouldContain("7 more connections");
        logs.Lines.Last().ShouldContain("from 2 addresses");
        log.Report("192.0.2.9:1000", 9, "timed out: the handshake stalled");
        logs.Lines.Count.ShouldBe(5, "a new minute logs again");
    }
}
