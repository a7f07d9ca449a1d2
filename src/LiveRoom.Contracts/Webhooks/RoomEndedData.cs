namespace LiveRoom.Contracts.Webhooks;

/// <summary>
/// The <c>data</c> of <c>room.ended</c>. <see cref="StartedAt"/> is null when the room never went live;
/// the counts are of the whole room (messages sent, questions asked).
/// </summary>
public sealed record RoomEndedData(string RoomId, string Title, DateTimeOffset? StartedAt, DateTimeOffset EndedAt, long ChatMessages, int Questions);
