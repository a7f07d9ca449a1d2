using System.Diagnostics;
using System.Net;
using LiveRoom.Contracts.Rooms;
using LiveRoom.Media.Rtmp;
using Microsoft.Extensions.Logging;

namespace LiveRoom.Media.Tests;

/// <summary>Strangers holding the ingest's waiting slots must not keep a publisher with a valid key out.</summary>
public sealed class RtmpPublisherSlotTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan GoLiveWithin = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task APublisherGetsInWhileOneAddressHoldsSixtyFourIdleConnections()
    {
        // The strangers share the publisher's address (an office NAT): the hardest case for a per-address cap.
        var elapsed = await TimeToGoLiveAsync(64, IPAddress.Loopback);

        elapsed.ShouldBeLessThan(GoLiveWithin);
    }

    [Fact]
    public async Task APublisherGetsInWhileStrangersFromEightAddressesFillTheGlobalLimit()
    {
        var strangers = Enumerable.Range(2, 8).Select(i => IPAddress.Parse($"127.0.0.{i}")).ToArray();

        var elapsed = await TimeToGoLiveAsync(64, strangers);

        elapsed.ShouldBeLessThan(GoLiveWithin);
    }

    [Fact]
    public async Task RefusalsAndEvictionsAreLoggedAsASummaryNotOneLinePerSocket()
    {
        var logs = new CollectingLoggerProvider();
        using var factory = LoggerFactory.Create(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Debug));
        await using var ingest = await LoopbackRtmpServer.StartAsync(new RecordingGate(), new RtmpServerOptions(), factory);
        await using (var filler = SlotFiller.StartUntil(ingest.Port, 64, 1000, IPAddress.Loopback))
        {
            // Hundreds of connections are refused or evicted while the filler reopens them.
            await filler.ReachedTarget.WaitAsync(Timeout);
        }

        var slotLines = logs.Lines.Count(l => l.Contains("waiting", StringComparison.Ordinal));
        output.WriteLine($"{slotLines} log lines about waiting slots");
        slotLines.ShouldBeLessThanOrEqualTo(new RtmpServerOptions().MaxRefusalLogLinesPerMinute, string.Join('\n', logs.Lines.Take(30)));
    }

    /// <summary>Starts an ingest with the default slot settings, fills it with idle strangers, then times a real ffmpeg publish.</summary>
    private async Task<TimeSpan> TimeToGoLiveAsync(int strangers, params IPAddress[] from)
    {
        var logs = new CollectingLoggerProvider();
        using var factory = LoggerFactory.Create(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Debug));
        var gate = new RecordingGate();
        await using var ingest = await LoopbackRtmpServer.StartAsync(gate, new RtmpServerOptions(), factory);
        var roomId = RoomIds.NewRoomId();
        var key = RoomIds.NewStreamKey(roomId);
        gate.Allow(roomId, key);
        await using var filler = SlotFiller.Start(ingest.Port, strangers, from);
        await filler.Filled.WaitAsync(Timeout);

        var clock = Stopwatch.StartNew();
        var publish = Ffmpeg.PublishAsync($"rtmp://127.0.0.1:{ingest.Port}/live/{key}", 3, Timeout);
        var admitted = await Task.WhenAny(gate.AdmittedAsync(roomId), publish).WaitAsync(Timeout);
        var elapsed = clock.Elapsed;
        var (exit, errors) = await publish;

        output.WriteLine($"{strangers} strangers from {from.Length} address(es), {filler.Opened} connections opened: " +
            (admitted == publish ? $"ffmpeg refused (exit {exit}) after {elapsed.TotalMilliseconds:F0} ms" : $"publisher live after {elapsed.TotalMilliseconds:F0} ms"));
        admitted.ShouldNotBe(publish, $"ffmpeg exited before it was admitted:\n{errors}");
        exit.ShouldBe(0, errors);
        return elapsed;
    }
}
