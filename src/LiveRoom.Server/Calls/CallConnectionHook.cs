using LiveRoom.Contracts.Calls;
using LiveRoom.Contracts.Common;
using LiveRoom.Server.Auth;
using LiveRoom.Server.Calls.Ice;
using LiveRoom.Server.Hubs;
using Microsoft.Extensions.Options;

namespace LiveRoom.Server.Calls;

/// <summary>
/// Keeps the queue and calls informed about connections: a viewer who joins the room again is back in the
/// queue; one whose last connection in the room dropped keeps their place for the grace period; a call
/// participant whose last connection dropped has the grace period to rejoin. And a new connection of someone
/// still in a call (a reloaded page: a viewer joining the room, a staff member who takes calls connecting) is
/// told of each such call with <c>callStarted</c> (<c>resumed</c>) and, when there is one, its recording state.
/// </summary>
public sealed partial class CallConnectionHook(
    IGrainFactory grains,
    TurnCredentialMinter minter,
    IOptions<CallIceOptions> ice,
    ILogger<CallConnectionHook> logger) : IHubConnectionHook
{
    /// <summary>The <c>Context.Items</c> key of the calls this connection took part in.</summary>
    public const string CallsKey = "liveroom:calls";

    public async Task ConnectedAsync(Caller caller, IRoomClient connection)
    {
        // Staff serve queues without joining rooms: their calls come back when their console connects.
        if (!caller.IsStaff || !Roles.TakesCalls(caller.Role)) return;
        await TellCallsAsync(caller, connection, () => grains.Agent(caller.Id).GetCallsAsync());
    }

    public async Task JoinedRoomAsync(Caller caller, string roomId, IRoomClient connection)
    {
        if (caller.IsStaff) return;
        var queue = grains.CallQueue(roomId);
        _ = queue.ViewerBackAsync(caller.Id);
        await TellCallsAsync(caller, connection, () => queue.CallsOfAsync(caller.Id));
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

    /// <summary>
    /// Tells this connection of every call the caller is still in. Telling is not coming back: the page that takes
    /// the call up says so itself (<c>RejoinCall</c>, or its signals), so a page that shows no calls keeps none alive.
    /// </summary>
    private async Task TellCallsAsync(Caller caller, IRoomClient connection, Func<Task<IReadOnlyList<string>>> callsOf)
    {
        try
        {
            foreach (var callId in await callsOf())
            {
                if (await grains.Call(callId).ResumptionForAsync(caller.Id) is not { } resumption) continue;
                await connection.callStarted(resumption.Call with { IceServers = minter.For(callId, caller.Id), IceTransportPolicy = ice.Value.TransportPolicy });
                if (resumption.Recording.State != RecordingState.Off) await connection.recordingState(resumption.Recording);
                Log.Told(logger, callId, caller.Id);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Joining or connecting goes on: the call can still be rejoined by a page that knew of it.
            Log.TellFailed(logger, caller.Id, exception);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 9421, Level = LogLevel.Information, Message = "Call {CallId}: a new connection of {PersonId}, who is still in it, was told of it")]
        public static partial void Told(ILogger logger, string callId, string personId);

        [LoggerMessage(EventId = 9422, Level = LogLevel.Warning, Message = "Could not tell a new connection of {PersonId} of the calls they are in")]
        public static partial void TellFailed(ILogger logger, string personId, Exception exception);
    }
}
