using LiveRoom.Contracts.Calls;
using LiveRoom.Contracts.Common;

namespace LiveRoom.Grains.Calls;

/// <summary>
/// Recording with consent: an agent asks, every other participant agrees or declines on screen; the recording
/// runs only while everyone has agreed, and stops as soon as anyone withdraws or someone new joins. Every
/// answer (who, when, the text shown) is kept with the call before anyone is told.
/// </summary>
public sealed partial class CallGrain
{
    private const int MaxConsentTextLength = 2_000;

    public async Task<Outcome<CallRecordingStatus>> RequestRecordingAsync(string personId)
    {
        if (CheckActive(personId) is { } refusal) return Outcome<CallRecordingStatus>.From(refusal);
        if (Participant(personId).Role != CallRole.Agent) return Outcome<CallRecordingStatus>.From(CallRefusals.OnlyAgentsRecord);
        var s = state.State;
        if (s.Recording is RecordingState.Requested or RecordingState.Recording) return Outcome<CallRecordingStatus>.Ok(RecordingStatus());
        s.Recording = RecordingState.Requested;
        s.RecordingRequestedBy = personId;
        s.RecordingSince = null;
        s.CurrentRequestStart = s.Consents.Count;
        await state.WriteStateAsync();
        Log.RecordingRequested(logger, CallId, personId);
        return Outcome<CallRecordingStatus>.Ok(AnnounceRecording());
    }

    public async Task<Outcome<CallRecordingStatus>> AnswerRecordingAsync(string personId, bool agree, string text)
    {
        if (CheckActive(personId) is { } refusal) return Outcome<CallRecordingStatus>.From(refusal);
        var s = state.State;
        if (s.Recording != RecordingState.Requested || personId == s.RecordingRequestedBy) return Outcome<CallRecordingStatus>.From(CallRefusals.NothingToAnswer);
        if (string.IsNullOrWhiteSpace(text) || text.Length > MaxConsentTextLength) return Outcome<CallRecordingStatus>.From(CallRefusals.ConsentText);
        s.Consents.Add(new RecordingConsent(personId, agree, time.GetUtcNow(), text.Trim()));
        if (!agree)
        {
            s.Recording = RecordingState.Stopped;
        }
        else if (PendingConsents().Count == 0)
        {
            s.Recording = RecordingState.Recording;
            s.RecordingSince = time.GetUtcNow();
            s.RecordingTakes++;
        }

        // The consent is on disk before anyone (the recorder's browser above all) hears of it.
        await state.WriteStateAsync();
        await records.SaveConsentAsync(CallId, s.Consents[^1]);
        Log.RecordingAnswered(logger, CallId, personId, agree, s.Recording.ToString());
        return Outcome<CallRecordingStatus>.Ok(AnnounceRecording());
    }

    public async Task<Outcome<CallRecordingStatus>> StopRecordingAsync(string personId)
    {
        if (Check(personId) is { } refusal) return Outcome<CallRecordingStatus>.From(refusal);
        if (state.State.Recording is RecordingState.Requested or RecordingState.Recording)
        {
            await StopRecordingCoreAsync($"stopped by {personId}");
        }

        return Outcome<CallRecordingStatus>.Ok(RecordingStatus());
    }

    public Task<Outcome<CallRecordingStatus>> CanUploadRecordingAsync(string personId)
    {
        if (Check(personId) is { } refusal) return Task.FromResult(Outcome<CallRecordingStatus>.From(refusal));
        var s = state.State;
        var running = s.Recording == RecordingState.Recording && s.EndedAt is null;
        // The recorder hands over its last piece only after it stopped: that take stays open a few seconds more.
        var tail = s.RecordingStoppedAt is { } stopped && time.GetUtcNow() - stopped <= TimeSpan.FromSeconds(Options.RecordingTailSeconds);
        return Task.FromResult((running || tail) && s.RecordingRequestedBy == personId && s.RecordingTakes > 0
            ? Outcome<CallRecordingStatus>.Ok(RecordingStatus())
            : Outcome<CallRecordingStatus>.From(CallRefusals.NotRecording));
    }

    private async Task StopRecordingCoreAsync(string why)
    {
        if (state.State.Recording == RecordingState.Recording) state.State.RecordingStoppedAt = time.GetUtcNow();
        state.State.Recording = RecordingState.Stopped;
        await state.WriteStateAsync();
        Log.RecordingStopped(logger, CallId, why);
        AnnounceRecording();
    }

    /// <summary>The current participants who still have to answer the current request.</summary>
    private List<string> PendingConsents()
    {
        var s = state.State;
        var answered = s.Consents.Skip(s.CurrentRequestStart).Select(c => c.ParticipantId).ToHashSet(StringComparer.Ordinal);
        return Current().Where(p => p.Id != s.RecordingRequestedBy && !answered.Contains(p.Id)).Select(p => p.Id).ToList();
    }

    private CallRecordingStatus RecordingStatus()
    {
        var s = state.State;
        var pending = s.Recording == RecordingState.Requested ? PendingConsents() : [];
        return new CallRecordingStatus(CallId, s.Recording, s.RecordingRequestedBy, [.. s.Consents.Skip(s.CurrentRequestStart)], pending, s.RecordingSince, s.RecordingTakes);
    }

    private CallRecordingStatus AnnounceRecording()
    {
        var status = RecordingStatus();
        foreach (var participant in Current()) _ = GrainFactory.Presence(participant.Id).SendAsync(status);
        return status;
    }
}
