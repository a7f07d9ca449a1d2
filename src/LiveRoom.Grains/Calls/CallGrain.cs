using System.Text;
using System.Text.Json;
using LiveRoom.Contracts.Calls;
using LiveRoom.Contracts.Common;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LiveRoom.Grains.Calls;

/// <summary>
/// One private call (see <see cref="ICallGrain"/>). Its participants are fixed when it starts; everything it
/// relays goes to them only, through their presence, never to a room. A participant whose connection drops
/// has the reconnect grace period to come back (any signal or a rejoin counts); then the call ends as lost.
/// </summary>
public sealed partial class CallGrain(
    [PersistentState("call", GrainStorage.Name)] IPersistentState<CallState> state,
    IOptions<CallOptions> options,
    TimeProvider time,
    ILogger<CallGrain> logger) : Grain, ICallGrain
{
    private readonly Dictionary<string, int> _candidates = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IGrainTimer> _away = new(StringComparer.Ordinal);
    private IGrainTimer? _keepAlive;

    private string CallId => this.GetPrimaryKeyString();

    private CallOptions Options => options.Value;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.Exists && state.State.EndedAt is null)
        {
            // An active call stays active in memory (KeepAlive below), so activating one means the process or
            // its node restarted: nobody's connection is known, everyone has the grace period to rejoin.
            foreach (var participant in state.State.Participants) StartAway(participant.Id);
            KeepActive();
        }

        return Task.CompletedTask;
    }

    /// <summary>Media flows browser to browser, so a call may send the grain nothing for an hour: it must not be collected meanwhile.</summary>
    private void KeepActive() =>
        _keepAlive ??= this.RegisterGrainTimer(
            _ => Task.CompletedTask,
            new GrainTimerCreationOptions(TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(5)) { KeepAlive = true });

    public async Task<CallInfo> StartAsync(CallSetup setup)
    {
        if (!state.State.Exists)
        {
            var s = state.State;
            s.Exists = true;
            s.RoomId = setup.RoomId;
            s.TicketId = setup.TicketId;
            s.Participants = [.. setup.Participants];
            s.Initiator = setup.Participants[0].Id;
            s.WaitingSince = setup.WaitingSince;
            s.StartedAt = time.GetUtcNow();
            await state.WriteStateAsync();
            Log.Started(logger, CallId, s.RoomId, string.Join(", ", s.Participants.Select(p => p.Id)));
            KeepActive();
        }

        var info = Info();
        foreach (var participant in state.State.Participants)
        {
            _ = GrainFactory.Presence(participant.Id).SendAsync(new CallStarted(info));
        }

        return info;
    }

    public Task<Outcome<CallInfo>> GetAsync(string personId)
    {
        if (Check(personId) is { } refusal) return Task.FromResult(Outcome<CallInfo>.From(refusal));
        return Task.FromResult(Outcome<CallInfo>.Ok(Info()));
    }

    public Task<Outcome<bool>> SignalAsync(string personId, SignalMessage signal)
    {
        if (Check(personId) is { } refusal) return Task.FromResult(Outcome<bool>.From(refusal));
        if (state.State.EndedAt is not null) return Task.FromResult(Outcome<bool>.From(CallRefusals.CallEnded));
        if (Validate(personId, signal) is { } invalid) return Task.FromResult(Outcome<bool>.From(invalid));
        if (signal.To is { } to && (to == personId || !IsParticipant(to)))
        {
            Log.SignalToStranger(logger, CallId, personId, to);
            return Task.FromResult(Outcome<bool>.From(CallRefusals.NotParticipant));
        }

        Back(personId);
        var relayed = new CallSignal(CallId, personId, signal.Type, signal.Payload);
        foreach (var participant in state.State.Participants)
        {
            if (participant.Id == personId || (signal.To is not null && participant.Id != signal.To)) continue;
            _ = GrainFactory.Presence(participant.Id).SendAsync(relayed);
        }

        return Task.FromResult(Outcome<bool>.Ok(true));
    }

    public async Task<Outcome<bool>> EndAsync(string personId, string reason)
    {
        if (Check(personId) is { } refusal) return Outcome<bool>.From(refusal);
        await FinishAsync(personId, reason);
        return Outcome<bool>.Ok(true);
    }

    public Task ParticipantAwayAsync(string personId)
    {
        if (IsParticipant(personId) && state.State.EndedAt is null) StartAway(personId);
        return Task.CompletedTask;
    }

    public Task<Outcome<CallInfo>> RejoinAsync(string personId)
    {
        if (Check(personId) is { } refusal) return Task.FromResult(Outcome<CallInfo>.From(refusal));
        if (state.State.EndedAt is not null) return Task.FromResult(Outcome<CallInfo>.From(CallRefusals.CallEnded));
        Back(personId);
        return Task.FromResult(Outcome<CallInfo>.Ok(Info()));
    }

    private CallInfo Info()
    {
        var s = state.State;
        return new CallInfo(CallId, s.RoomId, [.. s.Participants], [], s.StartedAt, s.Initiator);
    }

    private bool IsParticipant(string personId) => state.State.Participants.Any(p => p.Id == personId);

    private Refusal? Check(string personId)
    {
        if (!state.State.Exists) return CallRefusals.CallNotFound;
        if (IsParticipant(personId)) return null;
        Log.Stranger(logger, CallId, personId);
        return CallRefusals.NotParticipant;
    }

    /// <summary>Types, sizes and shapes a participant may send; an offer starts a new negotiation (and candidate count).</summary>
    private Refusal? Validate(string personId, SignalMessage signal)
    {
        var type = signal.Type ?? string.Empty;
        var payload = signal.Payload ?? string.Empty;
        if (!SignalTypes.IsKnown(type)) return CallRefusals.UnknownSignal(type.Length > 32 ? type[..32] : type);
        var bytes = Encoding.UTF8.GetByteCount(payload);
        switch (type)
        {
            case SignalTypes.Offer or SignalTypes.Answer:
                if (bytes > Options.MaxSdpBytes) return CallRefusals.PayloadTooLong(type, Options.MaxSdpBytes);
                if (!payload.StartsWith("v=0", StringComparison.Ordinal)) return CallRefusals.BadPayload(type);
                if (type == SignalTypes.Offer) _candidates[personId] = 0;
                return null;
            case SignalTypes.Candidate:
                if (bytes > Options.MaxCandidateBytes) return CallRefusals.PayloadTooLong(type, Options.MaxCandidateBytes);
                if (!IsJsonObject(payload)) return CallRefusals.BadPayload(type);
                var count = _candidates.GetValueOrDefault(personId) + 1;
                if (count > Options.MaxCandidatesPerNegotiation) return CallRefusals.TooManyCandidates;
                _candidates[personId] = count;
                return null;
            default:
                if (bytes > 256) return CallRefusals.PayloadTooLong(type, 256);
                return IsJsonObject(payload) ? null : CallRefusals.BadPayload(type);
        }
    }

    private static bool IsJsonObject(string payload)
    {
        try
        {
            using var document = JsonDocument.Parse(payload, new JsonDocumentOptions { MaxDepth = 4, AllowDuplicateProperties = false });
            return document.RootElement.ValueKind == JsonValueKind.Object;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private void StartAway(string personId)
    {
        if (_away.ContainsKey(personId)) return;
        _away[personId] = this.RegisterGrainTimer(
            _ => LostAsync(personId),
            new GrainTimerCreationOptions(TimeSpan.FromSeconds(Options.ReconnectGraceSeconds), Timeout.InfiniteTimeSpan) { KeepAlive = true });
    }

    private void Back(string personId)
    {
        if (_away.Remove(personId, out var timer)) timer.Dispose();
    }

    private async Task LostAsync(string personId)
    {
        _away.Remove(personId);
        if (state.State.EndedAt is not null) return;
        Log.Lost(logger, CallId, personId, Options.ReconnectGraceSeconds);
        await FinishAsync(personId, CallEndReasons.Lost);
    }

    private async Task FinishAsync(string personId, string reason)
    {
        var s = state.State;
        if (s.EndedAt is not null) return;
        s.EndedAt = time.GetUtcNow();
        s.EndReason = reason;
        s.EndedBy = personId;
        await state.WriteStateAsync();
        foreach (var timer in _away.Values) timer.Dispose();
        _away.Clear();
        _keepAlive?.Dispose();
        _keepAlive = null;
        var ended = new CallEnded(CallId, reason);
        foreach (var participant in s.Participants)
        {
            _ = GrainFactory.Presence(participant.Id).SendAsync(ended);
            if (participant.Role == CallRole.Agent) await GrainFactory.Agent(participant.Id).ReleaseAsync(CallId);
        }

        var seconds = (int)(s.EndedAt.Value - s.StartedAt).TotalSeconds;
        _ = GrainFactory.CallQueue(s.RoomId).CallFinishedAsync(seconds);
        Log.Ended(logger, CallId, reason, personId, seconds);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 9221, Level = LogLevel.Information, Message = "Call {CallId} started in room {RoomId} between {Participants}")]
        public static partial void Started(ILogger logger, string callId, string roomId, string participants);

        [LoggerMessage(EventId = 9222, Level = LogLevel.Warning, Message = "Call {CallId}: {PersonId}, who is not a participant, tried to act in it")]
        public static partial void Stranger(ILogger logger, string callId, string personId);

        [LoggerMessage(EventId = 9223, Level = LogLevel.Warning, Message = "Call {CallId}: {PersonId} tried to signal {To}, who is not another participant")]
        public static partial void SignalToStranger(ILogger logger, string callId, string personId, string to);

        [LoggerMessage(EventId = 9224, Level = LogLevel.Information, Message = "Call {CallId}: {PersonId} did not come back within {GraceSeconds} s")]
        public static partial void Lost(ILogger logger, string callId, string personId, int graceSeconds);

        [LoggerMessage(EventId = 9225, Level = LogLevel.Information, Message = "Call {CallId} ended ({Reason}, by {PersonId}) after {Seconds} s")]
        public static partial void Ended(ILogger logger, string callId, string reason, string personId, int seconds);
    }
}
