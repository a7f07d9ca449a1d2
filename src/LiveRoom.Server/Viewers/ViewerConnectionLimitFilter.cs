using LiveRoom.Server.Auth;
using LiveRoom.Server.Diagnostics;
using Microsoft.AspNetCore.SignalR;

namespace LiveRoom.Server.Viewers;

/// <summary>
/// Closes a viewer identity's connection at once when the identity already holds as many open on this
/// node as it may (<see cref="Options.ViewerOptions.MaxOpenConnectionsPerViewer"/>). Closing rather than
/// throwing: an exception from connecting is logged as an error with a stack trace, and this is an
/// expected refusal. Pages never get here; their extra tabs are refused at JoinRoom with a reason.
/// </summary>
public sealed partial class ViewerConnectionLimitFilter(ViewerConnections connections, LiveRoomMetrics metrics, ILogger<ViewerConnectionLimitFilter> logger) : IHubFilter
{
    private const string OpenKey = "liveroom:viewer-open";

    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        var caller = Caller.From(context.Context.User);
        var over = false;
        if (caller is { IsStaff: false, RoomId: { } roomId })
        {
            if (connections.TryOpen(roomId, caller.Id)) context.Context.Items[OpenKey] = caller;
            else over = true;
        }

        await next(context);
        if (!over) return;
        metrics.Refused();
        Log.TooManyOpen(logger, caller!.RoomId!, caller.Id);
        context.Context.Abort();
    }

    public async Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        if (context.Context.Items.TryGetValue(OpenKey, out var value) && value is Caller { RoomId: { } roomId } caller)
        {
            connections.Close(roomId, caller.Id);
        }

        await next(context, exception);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 2010, Level = LogLevel.Information, Message = "Room {RoomId}: closed a connection of {ViewerId}: too many open connections of one identity")]
        public static partial void TooManyOpen(ILogger logger, string roomId, string viewerId);
    }
}
