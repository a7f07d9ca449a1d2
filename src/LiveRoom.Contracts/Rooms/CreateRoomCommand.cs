namespace LiveRoom.Contracts.Rooms;

[GenerateSerializer, Immutable, Alias("LiveRoom.CreateRoomCommand")]
public sealed record CreateRoomCommand(
    [property: Id(0)] string Title,
    [property: Id(1)] string? Description,
    [property: Id(2)] DateTimeOffset? ScheduledStart,
    [property: Id(3)] string CreatedBy);
