using LiveRoom.Contracts.Common;
using LiveRoom.Contracts.Live;
using LiveRoom.Contracts.Rooms;
using LiveRoom.Media.Live;
using LiveRoom.Server.Delivery;

namespace LiveRoom.Server.Live;

/// <summary>
/// Closes the publisher of a room that has ended (a host ended it, or its grace period ran out on another
/// node), or whose publisher was disconnected when its key was rotated. The room grain says so at once through
/// this node's listener (<see cref="Handle"/>); a check of this node's live rooms every
/// <see cref="SafetyInterval"/> catches what a lost message or a reactivated room grain (which no longer knows
/// the listener) would miss.
/// </summary>
public sealed partial class EndedRoomWatcher(IGrainFactory grains, LiveSessionManager sessions, ILogger<EndedRoomWatcher> logger)
    : BackgroundService, INodeMessageHandler<PublisherStop>
{
    /// <summary>Why a publisher is closed after its key was rotated with disconnect.</summary>
    public const string PublisherDisconnected = "the stream key was rotated and the publisher disconnected";

    public static readonly TimeSpan SafetyInterval = TimeSpan.FromSeconds(30);

    public void Handle(PublisherStop message)
    {
        var session = sessions.Active.FirstOrDefault(s => s.RoomId == message.RoomId && s.SessionId == message.SessionId);
        if (session is null) return;
        Close(session, message.Reason);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(SafetyInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                foreach (var session in sessions.Active.ToArray())
                {
                    try
                    {
                        var grain = grains.Room(session.RoomId);
                        if (await grain.IsPublishingAsync(session.SessionId)) continue;
                        var room = await grain.GetDetailsAsync();
                        Close(session, room is null || room.Info.Status == RoomStatus.Ended ? PublisherStopReason.RoomEnded : PublisherStopReason.Disconnected);
                    }
                    catch (Exception ex) when (ex is OrleansException or TimeoutException)
                    {
                        Log.CheckFailed(logger, ex, session.RoomId);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private void Close(LiveSession session, PublisherStopReason reason)
    {
        if (reason == PublisherStopReason.RoomEnded)
        {
            Log.Stopping(logger, session.RoomId);
            session.Stop();
        }
        else
        {
            Log.Disconnecting(logger, session.RoomId);
            session.Stop(PublisherDisconnected);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 8511, Level = LogLevel.Information, Message = "Room {RoomId} has ended: closing its publisher")]
        public static partial void Stopping(ILogger logger, string roomId);

        [LoggerMessage(EventId = 8750, Level = LogLevel.Information, Message = "Room {RoomId}: its publisher was disconnected: closing it")]
        public static partial void Disconnecting(ILogger logger, string roomId);

        [LoggerMessage(EventId = 8512, Level = LogLevel.Warning, Message = "Could not check whether room {RoomId} has ended")]
        public static partial void CheckFailed(ILogger logger, Exception exception, string roomId);
    }
}
