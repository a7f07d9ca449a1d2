using LiveRoom.Server.Auth;
using LiveRoom.Server.Hubs;

namespace LiveRoom.Server.Engagement;

/// <summary>Starts and stops a viewer's watch time as their connections join and leave a room.</summary>
internal sealed class EngagementConnectionHook(WatchTimeTracker watchTime) : IHubConnectionHook
{
    public Task ConnectedAsync(Caller caller, IRoomClient connection) => Task.CompletedTask;

    public Task JoinedRoomAsync(Caller caller, string roomId, IRoomClient connection)
    {
        if (!caller.IsStaff) watchTime.Started(roomId, caller.Id);
        return Task.CompletedTask;
    }

    public Task LeftRoomAsync(Caller caller, string roomId, bool lastHere)
    {
        if (!caller.IsStaff && lastHere) watchTime.Stopped(roomId, caller.Id);
        return Task.CompletedTask;
    }

    public Task DisconnectedAsync(Caller caller, IDictionary<object, object?> items, bool lastHere) => Task.CompletedTask;
}
