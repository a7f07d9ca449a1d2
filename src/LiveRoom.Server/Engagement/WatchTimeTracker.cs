using System.Collections.Concurrent;
using LiveRoom.Contracts.Common;
using LiveRoom.Contracts.Engagement;

namespace LiveRoom.Server.Engagement;

/// <summary>
/// Watch time from the connections themselves, not from what a page claims: from a viewer's first connection
/// in a room on this node to their last one leaving, counted to their viewer grain once a minute while they
/// stay (so a node that stops loses at most a minute) and the rest when they leave.
/// </summary>
public sealed partial class WatchTimeTracker(IGrainFactory grains, TimeProvider time, ILogger<WatchTimeTracker> logger) : BackgroundService
{
    public static readonly TimeSpan CountInterval = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<(string RoomId, string ViewerId), Watching> _watching = new();

    /// <summary>How many viewers are watching a room through this node.</summary>
    public int Watchers => _watching.Count;

    public void Started(string roomId, string viewerId) => _watching.TryAdd((roomId, viewerId), new Watching(time.GetUtcNow()));

    public void Stopped(string roomId, string viewerId)
    {
        if (_watching.TryRemove((roomId, viewerId), out var watching)) Count(roomId, viewerId, watching, time.GetUtcNow());
    }

    /// <summary>Counts the time watched since the last count of every viewer watching through this node.</summary>
    public void CountAll()
    {
        var now = time.GetUtcNow();
        foreach (var ((roomId, viewerId), watching) in _watching) Count(roomId, viewerId, watching, now);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(CountInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken)) CountAll();
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        CountAll();
    }

    private void Count(string roomId, string viewerId, Watching watching, DateTimeOffset now)
    {
        int seconds;
        lock (watching)
        {
            seconds = (int)Math.Floor((now - watching.CountedTo).TotalSeconds);
            if (seconds <= 0) return;
            watching.CountedTo = watching.CountedTo.AddSeconds(seconds);
        }

        try
        {
            // One-way: the grain queues it for the next batch.
            _ = grains.Viewer(roomId, viewerId).RecordAsync(EngagementKind.Watch, null, seconds);
        }
        catch (Exception ex) when (ex is OrleansException or TimeoutException)
        {
            Log.CountFailed(logger, ex, roomId, seconds);
        }
    }

    private sealed class Watching(DateTimeOffset since)
    {
        public DateTimeOffset CountedTo { get; set; } = since;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 9661, Level = LogLevel.Warning, Message = "Room {RoomId}: {Seconds} s of watch time could not be counted")]
        public static partial void CountFailed(ILogger logger, Exception exception, string roomId, int seconds);
    }
}
