using LiveRoom.Contracts.Model;
using Microsoft.Extensions.Logging;

namespace LiveRoom.Grains.Rooms;

/// <summary>Disconnecting a publisher whose key leaked.</summary>
public sealed partial class RoomGrain
{
    public async Task<Outcome<RoomDetails>> RotateStreamKeyAndDisconnectAsync()
    {
        var rotated = await RotateStreamKeyAsync();
        if (!rotated.IsSuccess) return rotated;
        if (_state.State.Status == RoomStatus.Live && _state.State.PublishingSession is { } session)
        {
            // Interrupted exactly as when the publisher drops; then the session is no longer the room's publisher,
            // so the node holding its connection closes it (at once on this node, within seconds on another).
            await StopPublishingAsync(session);
            _state.State.PublishingSession = null;
            await _state.WriteStateAsync();
            Log.PublisherDisconnected(_logger, RoomId);
        }

        return Outcome<RoomDetails>.Ok(Details());
    }

    public Task<bool> IsPublishingAsync(string sessionId) =>
        Task.FromResult(_state.State.Exists && _state.State.Status != RoomStatus.Ended && _state.State.PublishingSession == sessionId);

    private static partial class Log
    {
        [LoggerMessage(EventId = 1020, Level = LogLevel.Warning, Message = "Room {RoomId}: stream key rotated and the publisher disconnected")]
        public static partial void PublisherDisconnected(ILogger logger, string roomId);
    }
}
