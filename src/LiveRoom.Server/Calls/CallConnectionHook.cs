using LiveRoom.Contracts.Common;
using LiveRoom.Server.Auth;
using LiveRoom.Server.Hubs;

namespace LiveRoom.Server.Calls;

/// <summary>
/// Keeps the queue and calls informed about connections: a viewer who joins the room again is back in the
/// queue; one whose last connection in the room dropped keeps their place for the grace period; a call
/// participant whose last connection dropped has the grace period to rejoin.
/// </summary>
public sealed class CallConnectionHook(IGrainFactory grains) : IHubConnectionHook
{
    /// <summary>The <c>Context.Items</c> key of the calls this connection took part in.</summary>
    public const string CallsKey = "liveroom:calls";

    public Task JoinedRoomAsync(Caller caller, string roomId)
    {
        if (!caller.IsStaff) _ = grains.CallQueue(roomId).ViewerBackAsync(caller.Id);
        return Task.CompletedTask;
    }

    public Task LeftRoomAsync(Caller caller, string roomId, bool lastHere)
    {
        if (!caller.IsStaff && lastHere) _ = grains.CallQueue(roomId).ViewerAwayAsync(caller.Id);
        return Task.CompletedTask;
    }

    public Task DisconnectedAsync(Caller caller, IDictionary<object, object?> items, bool lastHere)
    {
        if (!lastHere || !items.TryGetValue(CallsKey, out var value) || value is not HashSet<string> calls) return Task.CompletedTask;
        foreach (var callId in calls) _ = grains.Call(callId).ParticipantAwayAsync(caller.Id);
        return Task.CompletedTask;
    }
}
