using LiveRoom.Contracts.Delivery;
using LiveRoom.Server.Diagnostics;
using LiveRoom.Server.Hubs;
using Microsoft.AspNetCore.SignalR;

namespace LiveRoom.Server.Delivery;

/// <summary>
/// This node's listener for one room: forwards each frame to the room's local SignalR group, one event per
/// non-empty part. It does not wait for slow connections, so none of them can hold the room's frames up;
/// SignalR writes each connection's messages in the order they were sent.
/// </summary>
internal sealed partial class RoomFrameForwarder(string roomId, IHubContext<RoomHub, IRoomClient> hub, LiveRoomMetrics metrics, ILogger logger) : IRoomObserver
{
    public Task OnFrameAsync(RoomFrame frame)
    {
        metrics.FrameReceived();
        var group = hub.Clients.Group(RoomFanout.GroupName(roomId));
        if (frame.Status is { } status) Watch(group.roomStatus(status));
        if (frame.DeletedChatIds.Count > 0) Watch(group.chatDeleted([.. frame.DeletedChatIds]));
        if (frame.Chat.Count > 0) Watch(group.chat([.. frame.Chat]));
        if (frame.Questions.Count > 0) Watch(group.questions([.. frame.Questions]));
        if (frame.ViewerCount is { } count) Watch(group.viewers(count));
        return Task.CompletedTask;
    }

    private void Watch(Task send)
    {
        if (send.IsCompletedSuccessfully) return;
        send.ContinueWith(
            static (t, state) => Log.SendFailed((ILogger)state!, t.Exception!),
            logger,
            CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 3001, Level = LogLevel.Warning, Message = "Forwarding a room frame to local connections failed")]
        public static partial void SendFailed(ILogger logger, Exception exception);
    }
}
