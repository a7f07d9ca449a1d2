using LiveRoom.Contracts.Common;
using Orleans.Concurrency;

namespace LiveRoom.Contracts.Calls;

/// <summary>
/// One private call (key: call id): its participants and state. It relays signalling only between its
/// participants and ends the call when one hangs up or does not come back in time. Durable.
/// </summary>
[Alias("LiveRoom.ICallGrain")]
public interface ICallGrain : IGrainWithStringKey
{
    [Alias("Start")]
    Task<CallInfo> StartAsync(CallSetup setup);

    /// <summary>The call as <paramref name="personId"/> sees it; refused for anyone not in it.</summary>
    [Alias("Get")]
    Task<Outcome<CallInfo>> GetAsync(string personId);

    /// <summary>Relays <paramref name="signal"/> from <paramref name="personId"/> to the other participants (or the one it names).</summary>
    [Alias("Signal")]
    Task<Outcome<bool>> SignalAsync(string personId, SignalMessage signal);

    [Alias("End")]
    Task<Outcome<bool>> EndAsync(string personId, string reason);

    /// <summary>A participant's last connection dropped: they have the grace period to come back.</summary>
    [OneWay, Alias("ParticipantAway")]
    Task ParticipantAwayAsync(string personId);

    /// <summary>The viewer rates the call (1–5, with an optional comment), during or after it.</summary>
    [Alias("Rate")]
    Task<Outcome<CallRecord>> RateAsync(string personId, int rating, string? comment);

    /// <summary>An agent of the call writes (or replaces) its note.</summary>
    [Alias("SaveNote")]
    Task<Outcome<CallRecord>> SaveNoteAsync(string personId, string? note);

    /// <summary>An agent of the call asks to record it; every other participant is asked to agree.</summary>
    [Alias("RequestRecording")]
    Task<Outcome<CallRecordingStatus>> RequestRecordingAsync(string personId);

    /// <summary>A participant agrees to the recording or declines it; <paramref name="text"/> is what they were shown.</summary>
    [Alias("AnswerRecording")]
    Task<Outcome<CallRecordingStatus>> AnswerRecordingAsync(string personId, bool agree, string text);

    /// <summary>Any participant stops the recording (withdraws their consent).</summary>
    [Alias("StopRecording")]
    Task<Outcome<CallRecordingStatus>> StopRecordingAsync(string personId);

    /// <summary>Whether <paramref name="personId"/> may upload recording chunks now: the recording runs and they asked for it.</summary>
    [Alias("CanUploadRecording")]
    Task<Outcome<CallRecordingStatus>> CanUploadRecordingAsync(string personId);

    /// <summary>An agent of the call invites another agent (who must be available with room for a call).</summary>
    [Alias("Invite")]
    Task<Outcome<bool>> InviteAsync(string personId, AgentView invited);

    /// <summary>An invited agent joins (their capacity is reserved by the caller first).</summary>
    [Alias("Join")]
    Task<Outcome<CallInfo>> JoinAsync(AgentView agent);

    /// <summary>
    /// The call and its recording state when <paramref name="personId"/> is in it now and it goes on; otherwise
    /// null. Told to a new connection of theirs: it does not count as coming back (their page does that).
    /// </summary>
    [ReadOnly, Alias("ResumptionFor")]
    Task<CallResumption?> ResumptionForAsync(string personId);

    /// <summary>A participant is back (<c>RejoinCall</c>).</summary>
    [Alias("Rejoin")]
    Task<Outcome<CallInfo>> RejoinAsync(string personId);

    /// <summary>A current participant writes in the call: the message is stored, then relayed to the others.</summary>
    [Alias("SendMessage")]
    Task<Outcome<CallMessage>> SendMessageAsync(string personId, string text);

    /// <summary>Whether <paramref name="personId"/> may share a file of <paramref name="kind"/> now (asked before the bytes are read).</summary>
    [Alias("CanShareFile")]
    Task<Outcome<CallParticipant>> CanShareFileAsync(string personId, CallFileKind kind);

    /// <summary>A file that was just stored is registered with the call, kept, then announced to the other participants.</summary>
    [Alias("AddFile")]
    Task<Outcome<CallFile>> AddFileAsync(string personId, CallFileUpload upload);

    /// <summary>Whether <paramref name="personId"/> may read the call's messages and files: a present or past participant.</summary>
    [Alias("CanReadItems")]
    Task<Outcome<CallParticipant>> CanReadItemsAsync(string personId);
}
