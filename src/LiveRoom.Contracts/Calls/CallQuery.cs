namespace LiveRoom.Contracts.Calls;

/// <summary>Which calls of the history to list (newest first): any mix of room, viewer and participant.</summary>
public sealed record CallQuery(string? RoomId = null, string? ParticipantId = null, int Limit = 50);
