using LiveRoom.Server.Auth;
using LiveRoom.Server.Diagnostics;
using Microsoft.AspNetCore.SignalR;

namespace LiveRoom.Server.Viewers;

/// <summary>
/// Closes a viewer identity's connection at once when the identity already holds as many open on this
/// node as it may (<see cref="ViewerOptions.MaxOpenConnectionsPerViewer"/>). Closing rather than
/// throwing: an exception from connecting is logged as an error with a stack trace, and this is an
/// expected refusal. Pages never get here; their extra tabs are refused at JoinRoom with a reason.
/// </summary>
public sealed partial class ViewerConnectionLimitFilter(ViewerConnections connections, LiveRoomMetrics metrics, TimeProvider time, ILogger<ViewerConnectionLimitFilter> logger) : IHubFilter
{
    private const string OpenKey = "liveroom:viewer-open";

    /// <summary>Anyone with a viewer token can open connections at will: the lines about them are bounded.</summary>
    private readonly LogWindow _lines = new(20, time.GetUtcNow());

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
        if (_lines.TryTake(time.GetUtcNow(), out var heldBack)) Log.TooManyOpen(logger, caller!.RoomId!, caller.Id);
        if (heldBack > 0) Log.HeldBack(logger, heldBack);
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

        [LoggerMessage(EventId = 2011, Level = LogLevel.Information, Message = "{Count} more connections were closed in the last minute for too many open connections of one identity (not logged one by one)")]
        public static partial void HeldBack(ILogger logger, int count);
    }
}
