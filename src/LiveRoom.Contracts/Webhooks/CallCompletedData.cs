namespace LiveRoom.Contracts.Webhooks;

/// <summary>
/// The <c>data</c> of <c>call.completed</c>: a private call that an agent took has ended. <see cref="EndReason"/>
/// is the call's outcome (<c>hangup</c>, <c>lost</c>, <c>room_ended</c>, …).
/// </summary>
public sealed record CallCompletedData(
    string CallId,
    string RoomId,
    string? Topic,
    DateTimeOffset WaitingSince,
    DateTimeOffset StartedAt,
    DateTimeOffset EndedAt,
    int DurationSeconds,
    string EndReason,
    IReadOnlyList<WebhookPerson> Participants);
