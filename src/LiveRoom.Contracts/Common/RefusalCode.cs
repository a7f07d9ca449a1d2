namespace LiveRoom.Contracts.Common;

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

    /// <summary>The identity has as many connections in the room as it may have.</summary>
    TooManyConnections = 20,

    /// <summary>A new identity must wait a while before its first message in this room.</summary>
    NewHere = 21,
}
