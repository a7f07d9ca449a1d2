using System.Text;
using System.Text.Json;
using LiveRoom.Contracts.Calls;
using LiveRoom.Contracts.Common;
using LiveRoom.Contracts.Engagement;
using LiveRoom.Contracts.Jobs;
using LiveRoom.Contracts.Recordings;
using LiveRoom.Contracts.Webhooks;
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
    ICallRecords records,
    ICallItems items,
    IJobOutbox outbox,
    IWebhookEvents webhooks,
    IOptions<CallOptions> options,
    TimeProvider time,
    ILogger<CallGrain> logger) : Grain, ICallGrain
{
    private const int MaxCommentLength = 1_000;
    private const int MaxNoteLength = 4_000;

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
            foreach (var participant in Current()) StartAway(participant.Id);
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
            s.Topic = setup.Topic;
            s.StartedAt = time.GetUtcNow();
            await state.WriteStateAsync();
            await records.SaveCallAsync(Record());
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
        if (CheckActive(personId) is { } refusal) return Task.FromResult(Outcome<bool>.From(refusal));
        if (Validate(personId, signal) is { } invalid) return Task.FromResult(Outcome<bool>.From(invalid));
        if (signal.To is { } to && (to == personId || !IsParticipant(to)))
        {
            Log.SignalToStranger(logger, CallId, personId, to);
            return Task.FromResult(Outcome<bool>.From(CallRefusals.NotParticipant));
        }

        Back(personId);
        var relayed = new CallSignal(CallId, personId, signal.Type, signal.Payload);
        foreach (var participant in Current())
        {
            if (participant.Id == personId || (signal.To is not null && participant.Id != signal.To)) continue;
            _ = GrainFactory.Presence(participant.Id).SendAsync(relayed);
        }

        return Task.FromResult(Outcome<bool>.Ok(true));
    }

    public async Task<Outcome<bool>> EndAsync(string personId, string reason)
    {
        if (Check(personId) is { } refusal) return Outcome<bool>.From(refusal);
        if (!IsParticipant(personId) || state.State.EndedAt is not null) return Outcome<bool>.Ok(true);
        if (StaysWithoutThem(personId)) await LeaveAsync(Participant(personId), CallEndReasons.Left);
        else await FinishAsync(personId, reason);
        return Outcome<bool>.Ok(true);
    }

    /// <summary>Whether the call goes on when <paramref name="personId"/> goes: an agent while another agent stays.</summary>
    private bool StaysWithoutThem(string personId) =>
        Participant(personId).Role == CallRole.Agent && Current().Count(p => p.Role == CallRole.Agent) > 1;

    public Task ParticipantAwayAsync(string personId)
    {
        if (IsParticipant(personId) && state.State.EndedAt is null) StartAway(personId);
        return Task.CompletedTask;
    }

    public Task<CallResumption?> ResumptionForAsync(string personId) =>
        Task.FromResult(state.State.Exists && state.State.EndedAt is null && IsParticipant(personId)
            ? new CallResumption(Info() with { Resumed = true }, RecordingStatus())
            : null);

    public Task<Outcome<CallInfo>> RejoinAsync(string personId)
    {
        if (CheckActive(personId) is { } refusal) return Task.FromResult(Outcome<CallInfo>.From(refusal));
        Back(personId);
        return Task.FromResult(Outcome<CallInfo>.Ok(Info()));
    }

    public async Task<Outcome<CallRecord>> RateAsync(string personId, int rating, string? comment)
    {
        if (Check(personId) is { } refusal) return Outcome<CallRecord>.From(refusal);
        if (Participant(personId).Role != CallRole.Viewer) return Outcome<CallRecord>.From(CallRefusals.OnlyViewersRate);
        if (rating is < 1 or > 5) return Outcome<CallRecord>.From(CallRefusals.Rating);
        var text = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        if (text is { Length: > MaxCommentLength }) return Outcome<CallRecord>.From(Refusals.TooLong("comment", MaxCommentLength));
        await records.SetRatingAsync(CallId, rating, text);
        Log.Rated(logger, CallId, rating);
        return Outcome<CallRecord>.Ok((await records.GetCallAsync(CallId))!);
    }

    public async Task<Outcome<CallRecord>> SaveNoteAsync(string personId, string? note)
    {
        if (Check(personId) is { } refusal) return Outcome<CallRecord>.From(refusal);
        if (Participant(personId).Role != CallRole.Agent) return Outcome<CallRecord>.From(CallRefusals.OnlyAgentsNote);
        var text = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (text is { Length: > MaxNoteLength }) return Outcome<CallRecord>.From(Refusals.TooLong("note", MaxNoteLength));
        await records.SetNoteAsync(CallId, text);
        return Outcome<CallRecord>.Ok((await records.GetCallAsync(CallId))!);
    }

    private CallRecord Record()
    {
        var s = state.State;
        return new CallRecord(CallId, s.RoomId, s.TicketId, s.Topic, [.. s.Participants], s.WaitingSince, s.StartedAt, s.EndedAt, s.EndReason, null, null, null);
    }

    private CallParticipant Participant(string personId) => state.State.Participants.First(p => p.Id == personId);

    private CallInfo Info()
    {
        var s = state.State;
        return new CallInfo(CallId, s.RoomId, [.. Current()], [], s.StartedAt, s.Initiator);
    }

    /// <summary>The participants in the call now (not those who left it).</summary>
    private IEnumerable<CallParticipant> Current() => state.State.Participants.Where(p => !state.State.Left.Contains(p.Id));

    private bool IsParticipant(string personId) => Current().Any(p => p.Id == personId);

    /// <summary>Refuses anyone who never was in the call (the history: ratings, notes).</summary>
    private Refusal? Check(string personId)
    {
        if (!state.State.Exists) return CallRefusals.CallNotFound;
        if (state.State.Participants.Any(p => p.Id == personId)) return null;
        Log.Stranger(logger, CallId, personId);
        return CallRefusals.NotParticipant;
    }

    /// <summary>Refuses anyone not in the call now, and everyone once it is over.</summary>
    private Refusal? CheckActive(string personId)
    {
        if (!state.State.Exists) return CallRefusals.CallNotFound;
        if (!IsParticipant(personId))
        {
            Log.Stranger(logger, CallId, personId);
            return CallRefusals.NotParticipant;
        }

        return state.State.EndedAt is null ? null : CallRefusals.CallEnded;
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
        if (state.State.EndedAt is not null || !IsParticipant(personId)) return;
        Log.Lost(logger, CallId, personId, Options.ReconnectGraceSeconds);
        if (StaysWithoutThem(personId)) await LeaveAsync(Participant(personId), CallEndReasons.Lost);
        else await FinishAsync(personId, CallEndReasons.Lost);
    }

    private async Task FinishAsync(string personId, string reason)
    {
        var s = state.State;
        if (s.EndedAt is not null) return;
        s.EndedAt = time.GetUtcNow();
        s.EndReason = reason;
        s.EndedBy = personId;
        if (s.Recording == RecordingState.Recording) s.RecordingStoppedAt = s.EndedAt;
        if (s.Recording is RecordingState.Requested or RecordingState.Recording) s.Recording = RecordingState.Stopped;
        await state.WriteStateAsync();
        await records.SaveCallAsync(Record());
        // The job waits out the recording's tail (the recorder's last piece), see CallOptions.RecordingTailSeconds.
        // The history says "processing" from now on, not "not recorded" until the job starts.
        if (s.RecordingTakes > 0)
        {
            await records.SetRecordingAsync(CallId, new CallRecordingInfo(CallRecordingFileStatus.Processing, 0, null, null, []));
            await outbox.AddAsync(RecordingJobs.Call, CallId);
        }
        foreach (var timer in _away.Values) timer.Dispose();
        _away.Clear();
        _keepAlive?.Dispose();
        _keepAlive = null;
        var ended = new CallEnded(CallId, reason);
        foreach (var participant in Current())
        {
            _ = GrainFactory.Presence(participant.Id).SendAsync(ended);
            if (participant.Role == CallRole.Agent) await GrainFactory.Agent(participant.Id).ReleaseAsync(CallId);
        }

        // Every viewer who was in the call had a completed call, whoever hung up.
        foreach (var viewer in s.Participants.Where(p => p.Role == CallRole.Viewer).Select(p => p.Id).Distinct(StringComparer.Ordinal))
            _ = GrainFactory.Viewer(s.RoomId, viewer).RecordAsync(EngagementKind.CallCompleted, CallId);

        var seconds = (int)(s.EndedAt.Value - s.StartedAt).TotalSeconds;
        _ = GrainFactory.CallQueue(s.RoomId).CallFinishedAsync(CallId, seconds);
        Log.Ended(logger, CallId, reason, personId, seconds);
        await PublishCallCompletedAsync(seconds);
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

        [LoggerMessage(EventId = 9226, Level = LogLevel.Information, Message = "Call {CallId} rated {Rating}")]
        public static partial void Rated(ILogger logger, string callId, int rating);

        [LoggerMessage(EventId = 9227, Level = LogLevel.Information, Message = "Call {CallId}: {PersonId} asked to record it")]
        public static partial void RecordingRequested(ILogger logger, string callId, string personId);

        [LoggerMessage(EventId = 9228, Level = LogLevel.Information, Message = "Call {CallId}: {PersonId} answered the request to record: agreed {Agreed}; recording is {State}")]
        public static partial void RecordingAnswered(ILogger logger, string callId, string personId, bool agreed, string state);

        [LoggerMessage(EventId = 9229, Level = LogLevel.Information, Message = "Call {CallId}: recording stopped ({Why})")]
        public static partial void RecordingStopped(ILogger logger, string callId, string why);

        [LoggerMessage(EventId = 9230, Level = LogLevel.Information, Message = "Call {CallId}: {PersonId} invited {AgentId}")]
        public static partial void Invited(ILogger logger, string callId, string personId, string agentId);

        [LoggerMessage(EventId = 9231, Level = LogLevel.Information, Message = "Call {CallId}: {AgentId} joined")]
        public static partial void Joined(ILogger logger, string callId, string agentId);

        [LoggerMessage(EventId = 9232, Level = LogLevel.Information, Message = "Call {CallId}: {PersonId} left ({Reason}); the call goes on")]
        public static partial void LeftCall(ILogger logger, string callId, string personId, string reason);

        [LoggerMessage(EventId = 9225, Level = LogLevel.Information, Message = "Call {CallId} ended ({Reason}, by {PersonId}) after {Seconds} s")]
        public static partial void Ended(ILogger logger, string callId, string reason, string personId, int seconds);
    }
}
