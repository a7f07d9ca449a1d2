using LiveRoom.Contracts.Calls;
using LiveRoom.Contracts.Common;
using LiveRoom.Server.Auth;
using LiveRoom.Server.Calls;
using LiveRoom.Server.Calls.Ice;
using Microsoft.AspNetCore.SignalR;

namespace LiveRoom.Server.Hubs;

/// <summary>
/// Private calls (docs/CALLS.md): viewers queue, agents take them, participants exchange signalling. Thin
/// like the rest of the hub: who calls comes from the token, one grain call does the work. Call events reach
/// people through their presence, never a room group.
/// </summary>
public sealed partial class RoomHub
{
    public async Task<CallTicket> RequestCall(string roomId, string? topic)
    {
        var caller = EnterJoined(roomId);
        if (caller.IsStaff) throw NotForStaff(caller, roomId);
        return Unwrap(caller, roomId, await grains.CallQueue(roomId).RequestAsync(new QueueRequest(caller.Id, caller.DisplayName, topic)));
    }

    public async Task LeaveQueue(string roomId)
    {
        var caller = Enter(roomId);
        await grains.CallQueue(roomId).LeaveAsync(caller.Id);
    }

    public async Task<AgentStatus> SetAvailability(bool available, int capacity)
    {
        var caller = EnterAgent();
        return UnwrapCall(caller, "availability", await grains.Agent(caller.Id).SetAvailabilityAsync(caller.DisplayName, available, capacity)).Status;
    }

    public async Task<QueueEntry[]> WatchQueue(string roomId)
    {
        var caller = EnterAgent();
        Enter(roomId);
        var room = await grains.Room(roomId).GetDetailsAsync();
        if (room is null) throw Refused(caller, roomId, Refusals.RoomNotFound);
        var agent = await grains.Agent(caller.Id).WatchAsync(roomId, caller.DisplayName, watching: true);
        return [.. await grains.CallQueue(roomId).WatchAsync(agent)];
    }

    public async Task UnwatchQueue(string roomId)
    {
        var caller = EnterAgent();
        Enter(roomId);
        await grains.Agent(caller.Id).WatchAsync(roomId, caller.DisplayName, watching: false);
        await grains.CallQueue(roomId).UnwatchAsync(caller.Id);
    }

    public async Task<CallInfo> AcceptCall(string roomId, string? ticketId)
    {
        var caller = EnterAgent();
        Enter(roomId);
        var agent = await grains.Agent(caller.Id).GetViewAsync(caller.DisplayName);
        var call = Unwrap(caller, roomId, await grains.CallQueue(roomId).AcceptAsync(agent, string.IsNullOrEmpty(ticketId) ? null : ticketId));
        return JoinedCall(caller, call);
    }

    public async Task DeclineOffer(string roomId, string ticketId)
    {
        var caller = EnterAgent();
        Enter(roomId);
        await grains.CallQueue(roomId).DeclineAsync(caller.Id, ticketId ?? string.Empty);
    }

    /// <summary>Opens or closes the room's call queue (closed: viewers are offered a call-back); returns whether it is open.</summary>
    public async Task<bool> SetQueueOpen(string roomId, bool open)
    {
        EnterAgent();
        Enter(roomId);
        return await grains.CallQueue(roomId).SetOpenAsync(open);
    }

    /// <summary>Whether the room's call queue is open (staff: the console shows its state when it serves the room).</summary>
    public async Task<bool> IsQueueOpen(string roomId)
    {
        EnterAgent();
        Enter(roomId);
        return await grains.CallQueue(roomId).IsOpenAsync();
    }

    public async Task<QueueEntry> SetVip(string roomId, string ticketId, bool vip)
    {
        var caller = EnterAgent();
        Enter(roomId);
        return Unwrap(caller, roomId, await grains.CallQueue(roomId).SetVipAsync(ticketId ?? string.Empty, vip));
    }

    public async Task SendSignal(string callId, SignalMessage signal)
    {
        var caller = EnterCall(callId);
        UnwrapCall(caller, callId, await grains.Call(callId).SignalAsync(caller.Id, signal ?? new SignalMessage(string.Empty, string.Empty)));
        CallsOfConnection().Add(callId);
    }

    public async Task EndCall(string callId)
    {
        var caller = EnterCall(callId);
        UnwrapCall(caller, callId, await grains.Call(callId).EndAsync(caller.Id, CallEndReasons.Hangup));
    }

    public async Task<CallRecord> RateCall(string callId, int rating, string? comment)
    {
        var caller = EnterCall(callId);
        return UnwrapCall(caller, callId, await grains.Call(callId).RateAsync(caller.Id, rating, comment));
    }

    public async Task<CallRecord> SaveCallNote(string callId, string? note)
    {
        var caller = EnterCall(callId);
        return UnwrapCall(caller, callId, await grains.Call(callId).SaveNoteAsync(caller.Id, note));
    }

    public async Task<CallRecordingStatus> RequestRecording(string callId)
    {
        var caller = EnterCall(callId);
        return UnwrapCall(caller, callId, await grains.Call(callId).RequestRecordingAsync(caller.Id));
    }

    public async Task<CallRecordingStatus> AnswerRecording(string callId, bool agree, string text)
    {
        var caller = EnterCall(callId);
        return UnwrapCall(caller, callId, await grains.Call(callId).AnswerRecordingAsync(caller.Id, agree, text ?? string.Empty));
    }

    public async Task<CallRecordingStatus> StopRecording(string callId)
    {
        var caller = EnterCall(callId);
        return UnwrapCall(caller, callId, await grains.Call(callId).StopRecordingAsync(caller.Id));
    }

    /// <summary>The agents and their status, to choose whom to invite.</summary>
    public async Task<AgentView[]> ListAgents()
    {
        EnterAgent();
        return [.. await grains.GetGrain<IAgentDirectoryGrain>(0).ListAsync()];
    }

    public async Task InviteToCall(string callId, string agentId)
    {
        var caller = EnterCall(callId);
        EnterAgent();
        if (string.IsNullOrEmpty(agentId) || agentId.Contains('/', StringComparison.Ordinal)) throw RefusedCall(caller, callId, CallRefusalsForHub.NoSuchAgent);
        var invited = await grains.Agent(agentId).GetViewAsync(string.Empty);
        UnwrapCall(caller, callId, await grains.Call(callId).InviteAsync(caller.Id, invited));
    }

    /// <summary>An invited agent joins the call: their capacity is reserved first, and given back if the call will not have them.</summary>
    public async Task<CallInfo> JoinCall(string callId)
    {
        var caller = EnterCall(callId);
        EnterAgent();
        var agent = grains.Agent(caller.Id);
        var reserved = UnwrapCall(caller, callId, await agent.ReserveAsync(callId));
        var joined = await grains.Call(callId).JoinAsync(reserved with { DisplayName = caller.DisplayName });
        if (!joined.IsSuccess) await agent.ReleaseAsync(callId);
        return JoinedCall(caller, UnwrapCall(caller, callId, joined));
    }

    public async Task<CallInfo> RejoinCall(string callId)
    {
        var caller = EnterCall(callId);
        return JoinedCall(caller, UnwrapCall(caller, callId, await grains.Call(callId).RejoinAsync(caller.Id)));
    }

    /// <summary>The call as this caller gets it: with ICE servers minted for them, and remembered for this connection.</summary>
    private CallInfo JoinedCall(Caller caller, CallInfo call)
    {
        CallsOfConnection().Add(call.CallId);
        var services = Context.GetHttpContext()?.RequestServices;
        if (services is null) return call;
        var policy = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<CallIceOptions>>().Value.TransportPolicy;
        return call with { IceServers = services.GetRequiredService<TurnCredentialMinter>().For(call.CallId, caller.Id), IceTransportPolicy = policy };
    }

    private Caller EnterAgent()
    {
        var caller = Caller.From(Context.User) ?? throw HubRefusal.NotAllowed();
        if (Roles.TakesCalls(caller.Role)) return caller;
        if (guard.MayLog(Context)) Log.NotAllowed(logger, caller.Id, caller.Role.ToString(), caller.RoomId ?? string.Empty, "calls");
        metrics.Refused();
        throw HubRefusal.NotAllowed();
    }

    private Caller EnterCall(string callId)
    {
        var caller = Caller.From(Context.User) ?? throw HubRefusal.NotAllowed();
        if (CallIds.IsCallId(callId)) return caller;
        throw RefusedCall(caller, callId ?? string.Empty, CallRefusalsForHub.NoSuchCall);
    }

    private HubException NotForStaff(Caller caller, string roomId) =>
        Refused(caller, roomId, new Refusal(RefusalCode.NotAllowed, "Staff take calls; they do not ask for them."));

    private HashSet<string> CallsOfConnection()
    {
        if (Context.Items.TryGetValue(CallConnectionHook.CallsKey, out var value) && value is HashSet<string> calls) return calls;
        calls = new HashSet<string>(StringComparer.Ordinal);
        Context.Items[CallConnectionHook.CallsKey] = calls;
        return calls;
    }

    private T UnwrapCall<T>(Caller caller, string scope, Outcome<T> outcome) =>
        outcome.IsSuccess ? outcome.Value! : throw RefusedCall(caller, scope, outcome.Refusal!);

    private HubException RefusedCall(Caller caller, string scope, Refusal refusal)
    {
        metrics.Refused();
        if (guard.MayLog(Context)) Log.CallRefused(logger, scope, caller.Id, RefusalCodes.WireName(refusal.Code), refusal.Message);
        return HubRefusal.ToException(refusal);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 2020, Level = LogLevel.Information, Message = "Calls ({Scope}): refused {CallerId}: {Code} ({Reason})")]
        public static partial void CallRefused(ILogger logger, string scope, string callerId, string code, string reason);
    }
}
