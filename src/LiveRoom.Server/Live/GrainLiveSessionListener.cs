using LiveRoom.Contracts.Common;
using LiveRoom.Media.Live;

namespace LiveRoom.Server.Live;

/// <summary>Tells the room grain its publisher is gone, so the room shows <c>interrupted</c> and its grace period starts.</summary>
public sealed partial class GrainLiveSessionListener(IGrainFactory grains, ILogger<GrainLiveSessionListener> logger) : ILiveSessionListener
{
    public async ValueTask SessionEndedAsync(string roomId, string sessionId, bool graceful, string reason)
    {
        try
        {
            await grains.Room(roomId).StopPublishingAsync(sessionId);
        }
        catch (Exception ex) when (ex is OrleansException or TimeoutException or ObjectDisposedException or OperationCanceledException)
        {
            Log.CouldNotTell(logger, ex, roomId);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 8502, Level = LogLevel.Warning, Message = "Could not tell room {RoomId} that its publisher left")]
        public static partial void CouldNotTell(ILogger logger, Exception exception, string roomId);
    }
}
