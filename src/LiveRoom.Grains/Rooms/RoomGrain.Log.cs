using Microsoft.Extensions.Logging;

namespace LiveRoom.Grains.Rooms;

/// <summary>The room's log messages; the other partials declare their own next to the code that logs them.</summary>
public sealed partial class RoomGrain
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Room {RoomId} created by {UserId}")]
        public static partial void RoomCreated(ILogger logger, string roomId, string userId);

        [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "Room {RoomId} ended")]
        public static partial void RoomEnded(ILogger logger, string roomId);

        [LoggerMessage(EventId = 1003, Level = LogLevel.Information, Message = "Stream key of room {RoomId} rotated")]
        public static partial void StreamKeyRotated(ILogger logger, string roomId);

        [LoggerMessage(EventId = 1005, Level = LogLevel.Warning, Message = "Room {RoomId}: a publisher offered a wrong stream key")]
        public static partial void WrongStreamKey(ILogger logger, string roomId);

        [LoggerMessage(EventId = 1006, Level = LogLevel.Information, Message = "Room {RoomId} is live (resumed: {Resumed})")]
        public static partial void Live(ILogger logger, string roomId, bool resumed);

        [LoggerMessage(EventId = 1007, Level = LogLevel.Information, Message = "Room {RoomId} interrupted; ends in {GraceSeconds} s unless the publisher returns")]
        public static partial void Interrupted(ILogger logger, string roomId, int graceSeconds);

        [LoggerMessage(EventId = 1008, Level = LogLevel.Information, Message = "Room {RoomId}: the publisher did not return in time; ending")]
        public static partial void GraceExpired(ILogger logger, string roomId);

        [LoggerMessage(EventId = 1009, Level = LogLevel.Information, Message = "Room {RoomId}: recording ready ({DurationSeconds} s)")]
        public static partial void RecordingReady(ILogger logger, string roomId, double durationSeconds);

        [LoggerMessage(EventId = 1004, Level = LogLevel.Warning, Message = "Room {RoomId} dropped web node {NodeId}: not heard from in time")]
        public static partial void NodeDropped(ILogger logger, string roomId, string nodeId);

        [LoggerMessage(EventId = 9710, Level = LogLevel.Information, Message = "Room {RoomId}: showed product {ProductId} at stream time {StreamTime:O}")]
        public static partial void CardShown(ILogger logger, string roomId, string productId, DateTimeOffset streamTime);
    }
}
