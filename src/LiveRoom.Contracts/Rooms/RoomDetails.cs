namespace LiveRoom.Contracts.Rooms;

/// <summary>The staff view of a room: the public view plus the secrets and the owner.</summary>
[GenerateSerializer, Immutable, Alias("LiveRoom.RoomDetails")]
public sealed record RoomDetails(
    [property: Id(0)] RoomInfo Info,
    [property: Id(1)] string StreamKey,
    [property: Id(2)] string CreatedBy);
