namespace LiveRoom.Contracts.Live;

/// <summary>The room grain tells the ingest node to close a publisher, and why.</summary>
[GenerateSerializer, Immutable, Alias("LiveRoom.PublisherStop")]
public sealed record PublisherStop(
    [property: Id(0)] string RoomId,
    [property: Id(1)] string SessionId,
    [property: Id(2)] PublisherStopReason Reason);
