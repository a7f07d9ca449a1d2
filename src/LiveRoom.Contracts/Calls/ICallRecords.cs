namespace LiveRoom.Contracts.Calls;

/// <summary>The call history, kept in the business database.</summary>
public interface ICallRecords
{
    /// <summary>Writes the call (its participants included), or updates it: the end, the outcome.</summary>
    Task SaveCallAsync(CallRecord call, CancellationToken cancellationToken = default);

    Task SetRatingAsync(string callId, int rating, string? comment, CancellationToken cancellationToken = default);

    Task SetNoteAsync(string callId, string? note, CancellationToken cancellationToken = default);

    /// <summary>Keeps one answer to a request to record (who, when, the text shown).</summary>
    Task SaveConsentAsync(string callId, RecordingConsent consent, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<RecordingConsent>> LoadConsentsAsync(string callId, CancellationToken cancellationToken = default);

    /// <summary>Sets (or clears, with null) the call's recording: its status, progress, address, length and gaps.</summary>
    Task SetRecordingAsync(string callId, CallRecordingInfo? recording, CancellationToken cancellationToken = default);

    /// <summary>
    /// Moves the progress of a recording being made forward: only while it is processing and only upwards, so a
    /// late report never undoes a finished recording or an earlier step.
    /// </summary>
    Task SetRecordingProgressAsync(string callId, double progress, CancellationToken cancellationToken = default);

    Task<CallRecord?> GetCallAsync(string callId, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<CallRecord>> ListCallsAsync(CallQuery query, CancellationToken cancellationToken = default);
}
