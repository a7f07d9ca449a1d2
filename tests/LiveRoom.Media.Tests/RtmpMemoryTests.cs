using System.Diagnostics;
using System.Net.Sockets;
using LiveRoom.Media.Rtmp;
using LiveRoom.Shared;
using Microsoft.Extensions.Logging;

namespace LiveRoom.Media.Tests;

/// <summary>What a connection that has not published may make the ingest hold, alone and together with others.</summary>
public sealed class RtmpMemoryTests(ITestOutputHelper output)
{
    private const int Megabyte = 1024 * 1024;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task ALargeUnfinishedCommandBeforePublishingClosesTheConnection()
    {
        var logs = new CollectingLoggerProvider();
        using var factory = LoggerFactory.Create(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Debug));
        await using var ingest = await LoopbackRtmpServer.StartAsync(new RecordingGate(), new RtmpServerOptions(), factory);
        using var client = await RawRtmp.ConnectHandshakenAsync(ingest.Port);
        var stream = client.GetStream();

        var sent = await SendUnfinishedCommandsAsync(stream, 15_000_000, 1);

        (await RawRtmp.ClosedByServerAsync(stream, Timeout)).ShouldBeTrue();
        sent.ShouldBeLessThan(4 * Megabyte, "the server refuses the message by its header, not after 15 MB");
        logs.Lines.ShouldContain(l => l.Contains("before an accepted publish is over the limit", StringComparison.Ordinal));
        ingest.Server.BufferedBytes.ShouldBe(0);
    }

    [Fact]
    public async Task ManyConnectionsHoldingUnfinishedCommandsStayWithinTheGlobalBudget()
    {
        var logs = new CollectingLoggerProvider();
        using var factory = LoggerFactory.Create(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Debug));
        var options = new RtmpServerOptions { MaxPendingConnections = 64, MaxPendingPerAddress = 64, MaxBufferedBytesTotal = Megabyte, HandshakeTimeoutSeconds = 30, PublishTimeoutSeconds = 60 };
        await using var ingest = await LoopbackRtmpServer.StartAsync(new RecordingGate(), options, factory);
        var clients = new List<TcpClient>();
        try
        {
            // Each holds a 60,000-byte command less one byte: 32 of them would be 1.9 MB.
            foreach (var _ in Enumerable.Range(0, 32))
            {
                var client = await RawRtmp.ConnectHandshakenAsync(ingest.Port);
                clients.Add(client);
                await SendUnfinishedCommandsAsync(client.GetStream(), 60_000, 1);
                ingest.Server.BufferedBytes.ShouldBeLessThanOrEqualTo(Megabyte);
            }

            var closed = await Task.WhenAll(clients.Select(c => RawRtmp.ClosedByServerAsync(c.GetStream(), TimeSpan.FromSeconds(1))));
            closed.Count(c => c).ShouldBe(32 - (Megabyte / 60_000), "those over the budget are closed, the others are held");
            logs.Lines.ShouldContain(l => l.Contains("buffer budget", StringComparison.Ordinal));
        }
        finally
        {
            foreach (var client in clients) client.Dispose();
        }

        await DrainedAsync(ingest.Server);
        ingest.Server.BufferedBytes.ShouldBe(0, "closed connections give back what they held");
    }

    [Fact]
    public async Task MemoryReturnsNearTheBaselineAfterThirtyTwoConnectionsTryToHoldFifteenMegabytesEach()
    {
        using var factory = LoggerFactory.Create(b => b.AddProvider(new CollectingLoggerProvider()));
        await using var ingest = await LoopbackRtmpServer.StartAsync(new RecordingGate(), new RtmpServerOptions(), factory);
        var before = WorkingSetMegabytes();
        var clients = new List<TcpClient>();
        long sent = 0;
        try
        {
            foreach (var _ in Enumerable.Range(0, 32))
            {
                var client = await RawRtmp.ConnectHandshakenAsync(ingest.Port);
                clients.Add(client);
                // Two 7.5 MB commands on two chunk streams: each under the media message limit, 15 MB together.
                sent += await SendUnfinishedCommandsAsync(client.GetStream(), 7_500_000, 2);
            }

            var during = WorkingSetMegabytes();
            ingest.Server.BufferedBytes.ShouldBeLessThanOrEqualTo(32 * 64 * 1024, "each stranger holds at most 64 KiB");
            foreach (var client in clients) client.Dispose();
            await DrainedAsync(ingest.Server);
            await Task.Delay(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
            var after = WorkingSetMegabytes();

            output.WriteLine($"working set of the test process: before {before} MB, during {during} MB ({sent / Megabyte} MB sent), 30 s after {after} MB");
            (during - before).ShouldBeLessThan(64, "strangers may not make the server hold their messages");
            (after - before).ShouldBeLessThan(64);
        }
        finally
        {
            foreach (var client in clients) client.Dispose();
        }
    }

    /// <summary>
    /// Waits until the server has closed every connection that was waiting. The server raises no event for
    /// it, so this looks every 50 ms, within the timeout.
    /// </summary>
    private static async Task DrainedAsync(RtmpServer server)
    {
        using var deadline = new CancellationTokenSource(Timeout);
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        while (server.WaitingConnections > 0) await timer.WaitForNextTickAsync(deadline.Token);
    }

    private static long WorkingSetMegabytes()
    {
        using var process = Process.GetCurrentProcess();
        return process.WorkingSet64 / Megabyte;
    }

    /// <summary>
    /// Starts <paramref name="count"/> command messages of <paramref name="length"/> bytes (on chunk streams 3,
    /// 4, …) with a chunk size one byte short of them, so each is left unfinished after its first chunk; returns
    /// what was sent before the server closed.
    /// </summary>
    private static async Task<long> SendUnfinishedCommandsAsync(NetworkStream stream, int length, int count)
    {
        long sent = 0;
        var block = new byte[64 * 1024];
        try
        {
            await stream.WriteAsync(RawRtmp.ChunkSize(length - 1)).AsTask().WaitAsync(Timeout);
            for (var i = 0; i < count; i++)
            {
                await stream.WriteAsync(RawRtmp.CommandHeader(3 + i, length)).AsTask().WaitAsync(Timeout);
                for (var left = length - 1; left > 0; left -= block.Length)
                {
                    var size = Math.Min(left, block.Length);
                    await stream.WriteAsync(block.AsMemory(0, size)).AsTask().WaitAsync(Timeout);
                    sent += size;
                }
            }
        }
        catch (IOException)
        {
            // The server closed the connection.
        }

        return sent;
    }
}
