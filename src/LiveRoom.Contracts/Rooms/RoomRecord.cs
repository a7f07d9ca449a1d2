
namespace LiveRoom.Contracts.Rooms;

/// <summary>A room's entry in the room directory (what staff list); the room grain keeps it current.</summary>
public sealed record RoomRecord(
    string Id,
    string Title,
    string? Description,
    RoomStatus Status,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ScheduledStart,
    DateTimeOffset? EndedAt);
