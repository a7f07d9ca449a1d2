using LiveRoom.Testing;

namespace LiveRoom.MediaBench.Tests;

/// <summary>
/// The media benchmark (tests/LiveRoom.MediaBench) run in-process against a real server with real ffmpeg at
/// a tiny scale: a 320x240 source, a 3 s CPU window and three flashes over HTTP-FLV. It keeps the tool
/// working as the server changes; the numbers themselves are the benchmark's business, so the bounds are loose.
/// </summary>
public sealed class MediaBenchSmokeTests
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(55);

    [Fact]
    public async Task TheToolMeasuresTheFirstSegmentTheTranscoderAndFlvLatency()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var server = await LiveRoomTestServer.StartAsync(cancellationToken: cancellationToken);
        var tiny = new SourceSpec(320, 240, 30, 2);
        var options = new MediaBenchOptions
        {
            ServerUrl = server.BaseAddress,
            AdminEmail = server.AdminEmail,
            AdminPassword = server.AdminPassword,
            ServerPid = Environment.ProcessId,
            WorkDirectory = Path.Combine(Path.GetTempPath(), "liveroom-mediabench-tests"),
            Sources = [tiny],
            Warmup = TimeSpan.Zero,
            Window = TimeSpan.FromSeconds(3),
            FirstSegmentTimeout = TimeSpan.FromSeconds(20),
            LatencySource = tiny,
            Flashes = 3,
            Receivers = [ReceiverKind.Flv],
        };
        using var log = new StringWriter();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(RunTimeout);

        var report = await new MediaBench(log).RunAsync(options, timeout.Token).WaitAsync(RunTimeout, cancellationToken);

        TestContext.Current.TestOutputHelper?.WriteLine(log + ReportFormatter.ToText(report));
        report.Errors.ShouldBeEmpty();
        var source = report.Sources.ShouldHaveSingleItem();
        source.FirstSegment.PlayableSeconds.ShouldNotBeNull().ShouldBeInRange(0.1, 20);
        source.FirstSegment.Rendition.ShouldBe("240p", "a 240-line source has no rung below it: the source alone");
        source.Renditions.ShouldHaveSingleItem().Resolution.ShouldBe("320x240");
        source.TranscoderPid.ShouldNotBeNull();
        source.TranscoderCores.ShouldNotBeNull().ShouldBeInRange(0, 2.5);
        source.TranscoderRestarts.ShouldBe(0);

        var latency = report.Latency.ShouldNotBeNull();
        latency.FirstSegment.PlayableSeconds.ShouldNotBeNull();
        latency.CalibrationReports.ShouldBeGreaterThan(10, "the publisher reports its progress every 0.1 s");
        latency.PublisherStartToT0Seconds.ShouldNotBeNull().ShouldBeInRange(0, 5);
        var flv = latency.Receivers.ShouldHaveSingleItem();
        flv.Kind.ShouldBe("flv");
        flv.Count.ShouldBeGreaterThanOrEqualTo(3);
        flv.Unrecognized.ShouldBe(0, "every flash's brightness names its index");
        flv.Samples.ShouldAllBe(s => s.LatencySeconds > 0 && s.LatencySeconds < 10);
        flv.P50.ShouldNotBeNull().ShouldBeInRange(0, 10);

        ReportFormatter.ToJson(report).ShouldContain("\"transcoderCores\"");
    }
}
