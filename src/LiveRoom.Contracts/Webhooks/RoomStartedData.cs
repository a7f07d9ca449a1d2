namespace LiveRoom.Contracts.Webhooks;

/// <summary>The <c>data</c> of <c>room.started</c>: a room went live for the first time.</summary>
public sealed record RoomStartedData(string RoomId, string Title, DateTimeOffset StartedAt);
