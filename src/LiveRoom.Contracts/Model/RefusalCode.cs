namespace LiveRoom.Contracts.Model;

[GenerateSerializer, Alias("LiveRoom.RefusalCode")]
public enum RefusalCode
{
    NotFound = 0,
    NotAllowed = 1,
    Invalid = 2,
    TooLong = 3,
    TooFast = 4,
    Muted = 5,
    RoomEnded = 6,
    AlreadyDone = 7,
    Banned = 8,
}
