using LiveRoom.Contracts.Engagement;
using LiveRoom.Contracts.Funnel;
using LiveRoom.Storage.Engagement;
using LiveRoom.Storage.Funnel;
using Microsoft.Extensions.Logging.Abstractions;

namespace LiveRoom.Storage.Tests.Funnel;

/// <summary>The batch writer keeps the funnel's per-viewer and per-minute aggregates in step with the events it writes.</summary>
public sealed class FunnelAggregatesTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);
    private readonly TempDatabase _db = new();

    public ValueTask InitializeAsync() => _db.InitializeAsync();

    public ValueTask DisposeAsync() => _db.DisposeAsync();

    [Fact]
    public async Task AViewerWithTwoWatchEventsInOneMinuteIsOneViewerOfThatMinuteAcrossBatches()
    {
        using var log = new SqlEngagementLog(_db.Database, NullLogger<SqlEngagementLog>.Instance);
        log.Add(Event("v1", EngagementKind.Join, 1, Start));
        log.Add(Event("v1", EngagementKind.Watch, 60, Start.AddSeconds(50)));
        log.Add(Event("v2", EngagementKind.Watch, 30, Start.AddSeconds(55)));
        await log.FlushAsync().WaitAsync(TimeSpan.FromSeconds(30));
        // The leaving remainder falls in the same minute, in the next batch: v1 is not counted again.
        log.Add(Event("v1", EngagementKind.Watch, 8, Start.AddSeconds(58)));
        log.Add(Event("v1", EngagementKind.Chat, 1, Start.AddSeconds(59)));
        log.Add(Event("v2", EngagementKind.Watch, 60, Start.AddSeconds(115)));
        await log.FlushAsync().WaitAsync(TimeSpan.FromSeconds(30));

        var timeline = await new SqlFunnel(_db.Database).GetTimelineAsync("rm_a", null, null, 100).WaitAsync(TimeSpan.FromSeconds(30));
        var report = await new SqlFunnel(_db.Database).GetReportAsync(new FunnelQuery("rm_a", null, null)).WaitAsync(TimeSpan.FromSeconds(30));

        timeline.Select(p => (p.At, p.Viewers, p.Chats)).ShouldBe([(Start, 2L, 1L), (Start.AddMinutes(1), 1L, 0L)]);
        report.Viewers.ShouldBe(2);
        report.PeakViewers.ShouldBe(2);
        report.PeakAt.ShouldBe(Start);
        report.Totals.WatchSeconds.ShouldBe(158);
        report.AverageWatchSeconds.ShouldBe(79);
    }

    [Fact]
    public async Task ARangeTakesTheViewersWhoFirstCameInItAndTheTimelineFillsQuietMinutes()
    {
        using var log = new SqlEngagementLog(_db.Database, NullLogger<SqlEngagementLog>.Instance);
        log.Add(Event("early", EngagementKind.Join, 1, Start));
        log.Add(Event("early", EngagementKind.Chat, 1, Start.AddMinutes(3)));
        log.Add(Event("late", EngagementKind.Join, 1, Start.AddMinutes(3)));
        log.Add(Event("other", EngagementKind.Join, 1, Start, roomId: "rm_b"));
        await log.FlushAsync().WaitAsync(TimeSpan.FromSeconds(30));
        var funnel = new SqlFunnel(_db.Database);

        var later = await funnel.GetReportAsync(new FunnelQuery("rm_a", Start.AddMinutes(1), null)).WaitAsync(TimeSpan.FromSeconds(30));
        var everyRoom = await funnel.GetReportAsync(new FunnelQuery(null, Start, Start.AddMinutes(1))).WaitAsync(TimeSpan.FromSeconds(30));
        var timeline = await funnel.GetTimelineAsync("rm_a", null, null, 100).WaitAsync(TimeSpan.FromSeconds(30));

        later.Viewers.ShouldBe(1, "only the viewer who first came after the range's start");
        later.Totals.ChatMessages.ShouldBe(0, "the early viewer's chat belongs to the early viewer");
        everyRoom.Viewers.ShouldBe(2, "both rooms' viewers who came in the first minute");
        timeline.Select(p => p.Joins).ShouldBe([1L, 0, 0, 1], "quiet minutes are there with zeros");
    }

    private static EngagementEvent Event(string viewerId, EngagementKind kind, int amount, DateTimeOffset at, string roomId = "rm_a") =>
        new(roomId, viewerId, kind, null, amount, at);
}
