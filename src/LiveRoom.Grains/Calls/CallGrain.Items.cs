using LiveRoom.Contracts.Calls;
using LiveRoom.Contracts.Common;
using Microsoft.Extensions.Logging;

namespace LiveRoom.Grains.Calls;

/// <summary>
/// What participants write and share during a call: messages, files and snapshots. Each is kept with the call
/// before anyone else hears of it, and goes to the call's other current participants only. The bytes of a file
/// are stored by the caller first; the call only registers them. Present and past participants may read them.
/// </summary>
public sealed partial class CallGrain
{
    private const int MaxMessageLength = 1_000;

    public async Task<Outcome<CallMessage>> SendMessageAsync(string personId, string text)
    {
        if (CheckActive(personId) is { } refusal) return Outcome<CallMessage>.From(refusal);
        var checkedText = TextRules.Check(text, MaxMessageLength, "message");
        if (!checkedText.IsSuccess) return Outcome<CallMessage>.From(checkedText.Refusal!);
        Back(personId);
        var message = new CallMessage(CallItemIds.NewMessageId(), CallId, Participant(personId), checkedText.Value!, time.GetUtcNow());
        await items.SaveMessageAsync(message);
        RelayToOthers(personId, new CallMessageSent(message));
        return Outcome<CallMessage>.Ok(message);
    }

    public Task<Outcome<CallParticipant>> CanShareFileAsync(string personId, CallFileKind kind) =>
        Task.FromResult(MayShare(personId, kind));

    public async Task<Outcome<CallFile>> AddFileAsync(string personId, CallFileUpload upload)
    {
        var may = MayShare(personId, upload.Kind);
        if (!may.IsSuccess) return Outcome<CallFile>.From(may.Refusal!);
        var file = new CallFile(upload.Id, CallId, upload.Kind, upload.Name, upload.ContentType, upload.Size, may.Value!, time.GetUtcNow());
        await items.SaveFileAsync(file);
        Log.FileShared(logger, CallId, personId, upload.Kind.ToString(), upload.ContentType, upload.Size);
        RelayToOthers(personId, new CallFileShared(file));
        return Outcome<CallFile>.Ok(file);
    }

    public Task<Outcome<CallParticipant>> CanReadItemsAsync(string personId) =>
        Task.FromResult(Check(personId) is { } refusal ? Outcome<CallParticipant>.From(refusal) : Outcome<CallParticipant>.Ok(Participant(personId)));

    /// <summary>Files are shared by anyone in the call now; snapshots (a still of the viewer) are kept by its agents only.</summary>
    private Outcome<CallParticipant> MayShare(string personId, CallFileKind kind)
    {
        if (CheckActive(personId) is { } refusal) return Outcome<CallParticipant>.From(refusal);
        var participant = Participant(personId);
        if (kind == CallFileKind.Snapshot && participant.Role != CallRole.Agent) return Outcome<CallParticipant>.From(ItemRefusals.OnlyAgentsSnapshot);
        return Outcome<CallParticipant>.Ok(participant);
    }

    private void RelayToOthers(string personId, Contracts.Delivery.PersonalEvent personalEvent)
    {
        foreach (var participant in Current())
        {
            if (participant.Id != personId) _ = GrainFactory.Presence(participant.Id).SendAsync(personalEvent);
        }
    }

    private static class ItemRefusals
    {
        public static Refusal OnlyAgentsSnapshot { get; } = new(RefusalCode.NotAllowed, "Only the call's agents keep snapshots.");
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 9350, Level = LogLevel.Information, Message = "Call {CallId}: {PersonId} shared a {Kind} ({ContentType}, {Size} bytes)")]
        public static partial void FileShared(ILogger logger, string callId, string personId, string kind, string contentType, long size);
    }
}
