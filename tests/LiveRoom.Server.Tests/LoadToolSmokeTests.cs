using LiveRoom.LoadTests;
using LiveRoom.Testing;

namespace LiveRoom.Server.Tests;

/// <summary>
/// The load tool (tests/LiveRoom.LoadTests) run in-process against a real server at a small scale: it keeps
/// the tool working as the server changes, and checks chat fan-out end to end with many connections.
/// </summary>
public sealed class LoadToolSmokeTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(90);

    private LiveRoomTestServer Server => fixture.Server;

    [Fact]
    public async Task EveryChatMessageReachesEveryConnectedViewer()
    {
        var room = await Server.CreateRoomAsync("load tool smoke test").WaitAsync(RoomClient.CallTimeout);
        var options = new LoadOptions
        {
            ServerUrl = Server.BaseAddress,
            RoomId = room.Id,
            Viewers = 50,
            Senders = 4,
            Rate = 6, // 1.5 messages/s per sender: within the default per-person limit of 2/s.
            Duration = TimeSpan.FromSeconds(3),
            Warmup = TimeSpan.FromSeconds(1),
            ConnectConcurrency = 10,
            DrainTimeout = TimeSpan.FromSeconds(10),
            MaxP99Milliseconds = 10_000, // Latency is the benchmark's business; a busy test machine must not fail this.
            ServerInProcess = true,
        };
        using var log = new StringWriter();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(RunTimeout);

        var report = await new LoadRun(log).RunAsync(options, timeout.Token).WaitAsync(RunTimeout, TestContext.Current.CancellationToken);

        TestContext.Current.TestOutputHelper?.WriteLine(log.ToString() + LoadReportFormatter.ToText(report));
        report.Connections.Connected.ShouldBe(50, "every viewer connects and joins");
        report.Connections.LostDuringRun.ShouldBe(0);
        report.Chat.Sent.ShouldBe(18, "6 msg/s for 3 s");
        report.Chat.Acknowledged.ShouldBe(18, string.Join("; ", report.Chat.RefusalReasons.Keys));
        report.Deliveries.Expected.ShouldBe(18 * 50);
        report.Deliveries.Received.ShouldBe(18 * 50, "every message reaches every connection");
        report.Deliveries.Missing.ShouldBe(0);
        report.Deliveries.Duplicates.ShouldBe(0);
        report.Latency.Json.Count.ShouldBe(18 * 25, "half the viewers speak JSON");
        report.Latency.MessagePack.Count.ShouldBe(18 * 25, "half the viewers speak MessagePack");
    }
}
