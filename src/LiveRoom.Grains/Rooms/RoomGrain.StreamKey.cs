using LiveRoom.Contracts.Common;
using LiveRoom.Contracts.Live;
using LiveRoom.Contracts.Rooms;
using Microsoft.Extensions.Logging;

namespace LiveRoom.Grains.Rooms;

/// <summary>Rotating the stream key, disconnecting a publisher whose key leaked; wrong keys logged at a bounded rate.</summary>
public sealed partial class RoomGrain
{
    private static readonly TimeSpan WrongKeyLogInterval = TimeSpan.FromMinutes(1);
    private DateTimeOffset _wrongKeyWindowStart;
    private int _wrongKeysNotLogged;

    public async Task<Outcome<RoomDetails>> RotateStreamKeyAsync()
    {
        if (!_state.State.Exists) return Outcome<RoomDetails>.From(Refusals.RoomNotFound);
        if (_state.State.Status == RoomStatus.Ended) return Outcome<RoomDetails>.From(Refusals.RoomEnded);
        _state.State.StreamKey = RoomIds.NewStreamKey(RoomId);
        await _state.WriteStateAsync();
        Log.StreamKeyRotated(_logger, RoomId);
        return Outcome<RoomDetails>.Ok(Details());
    }

    public async Task<Outcome<RoomDetails>> RotateStreamKeyAndDisconnectAsync()
    {
        var rotated = await RotateStreamKeyAsync();
        if (!rotated.IsSuccess) return rotated;
        if (_state.State.Status == RoomStatus.Live && _state.State.PublishingSession is { } session)
        {
            // Interrupted exactly as when the publisher drops; then the session is no longer the room's publisher,
            // and the node holding its connection is told to close it.
            await StopPublishingAsync(session);
            _state.State.PublishingSession = null;
            await _state.WriteStateAsync();
            ClosePublisher(session, PublisherStopReason.Disconnected);
            Log.PublisherDisconnected(_logger, RoomId);
        }

        return Outcome<RoomDetails>.Ok(Details());
    }

    public Task<bool> IsPublishingAsync(string sessionId) =>
        Task.FromResult(_state.State.Exists && _state.State.Status != RoomStatus.Ended && _state.State.PublishingSession == sessionId);

    /// <summary>
    /// Anyone who knows a room's id can offer keys: the first wrong key of a minute is logged, the others of
    /// that minute are counted and logged as one line with the next.
    /// </summary>
    private void ReportWrongStreamKey()
    {
        var now = _time.GetUtcNow();
        if (now - _wrongKeyWindowStart < WrongKeyLogInterval)
        {
            _wrongKeysNotLogged++;
            return;
        }

        if (_wrongKeysNotLogged > 0) Log.WrongStreamKeysNotLogged(_logger, RoomId, _wrongKeysNotLogged);
        _wrongKeyWindowStart = now;
        _wrongKeysNotLogged = 0;
        Log.WrongStreamKey(_logger, RoomId);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1021, Level = LogLevel.Warning, Message = "Room {RoomId}: {Count} more wrong stream keys were offered in the minute before (not logged one by one)")]
        public static partial void WrongStreamKeysNotLogged(ILogger logger, string roomId, int count);

        [LoggerMessage(EventId = 1020, Level = LogLevel.Warning, Message = "Room {RoomId}: stream key rotated and the publisher disconnected")]
        public static partial void PublisherDisconnected(ILogger logger, string roomId);
    }
}
