using System.Collections.Frozen;
using LiveRoom.Contracts.Delivery;
using LiveRoom.Contracts.Live;
using LiveRoom.Server.Diagnostics;
using LiveRoom.Server.Hubs;
using Microsoft.AspNetCore.SignalR;

namespace LiveRoom.Server.Delivery;

/// <summary>
/// This node's one listener (<see cref="INodeObserver"/>): a room frame goes to the room's local SignalR group
/// as one event per non-empty part; a personal event to the local connections of the person it names; a
/// publisher stop to the ingest. It never waits for slow connections, so none of them can hold a grain up;
/// SignalR writes each connection's messages in the order they were sent.
/// </summary>
public sealed partial class NodeListener(
    IHubContext<RoomHub, IRoomClient> hub,
    IEnumerable<IPersonalEventRoute> routes,
    IServiceProvider services,
    LiveRoomMetrics metrics,
    ILogger<NodeListener> logger) : INodeObserver
{
    private readonly FrozenDictionary<Type, IPersonalEventRoute> _routes = routes.ToFrozenDictionary(r => r.EventType);

    public static string RoomGroup(string roomId) => "room:" + roomId;

    public static string PersonGroup(string personId) => "person:" + personId;

    public Task OnRoomFrameAsync(RoomFrame frame)
    {
        metrics.FrameReceived();
        var group = hub.Clients.Group(RoomGroup(frame.RoomId));
        if (frame.Status is { } status) Watch(group.roomStatus(status));
        if (frame.DeletedChatIds.Count > 0) Watch(group.chatDeleted([.. frame.DeletedChatIds]));
        if (frame.Chat.Count > 0) Watch(group.chat([.. frame.Chat]));
        if (frame.Questions.Count > 0) Watch(group.questions([.. frame.Questions]));
        if (frame.Cards is { Count: > 0 } cards) Watch(group.cardShown([.. cards]));
        if (frame.ViewerCount is { } count) Watch(group.viewers(count));
        return Task.CompletedTask;
    }

    public Task OnPersonalAsync(PersonalBatch batch)
    {
        foreach (var delivery in batch.Deliveries)
        {
            if (!_routes.TryGetValue(delivery.Event.GetType(), out var route))
            {
                Log.NoRoute(logger, delivery.Event.GetType().Name);
                continue;
            }

            Watch(route.SendAsync(hub.Clients.Group(PersonGroup(delivery.PersonId)), delivery.PersonId, delivery.Event));
        }

        return Task.CompletedTask;
    }

    public Task OnPublisherStopAsync(PublisherStop stop)
    {
        services.GetService<INodeMessageHandler<PublisherStop>>()?.Handle(stop);
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
        [LoggerMessage(EventId = 3001, Level = LogLevel.Warning, Message = "Forwarding an event to local connections failed")]
        public static partial void SendFailed(ILogger logger, Exception exception);

        [LoggerMessage(EventId = 3102, Level = LogLevel.Error, Message = "No hub event is registered for personal events of type {EventType}")]
        public static partial void NoRoute(ILogger logger, string eventType);
    }
}
