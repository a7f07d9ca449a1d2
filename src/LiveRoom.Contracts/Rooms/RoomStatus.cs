namespace LiveRoom.Contracts.Rooms;

/// <summary>A room's lifecycle: scheduled → live → interrupted → live … → ended.</summary>
[GenerateSerializer, Alias("LiveRoom.RoomStatus")]
public enum RoomStatus
{
    Scheduled = 0,
    Live = 1,
    Interrupted = 2,
    Ended = 3,
}
