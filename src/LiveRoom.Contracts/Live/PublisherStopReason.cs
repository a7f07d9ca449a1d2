namespace LiveRoom.Contracts.Live;

[GenerateSerializer, Alias("LiveRoom.PublisherStopReason")]
public enum PublisherStopReason
{
    /// <summary>The room has ended.</summary>
    RoomEnded,

    /// <summary>The stream key was rotated with disconnect: the publisher's key is no longer good.</summary>
    Disconnected,
}
