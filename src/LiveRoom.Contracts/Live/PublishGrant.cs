namespace LiveRoom.Contracts.Live;

/// <summary>A publisher was let in: <see cref="Resumed"/> when it came back within the grace period of an interrupted stream.</summary>
[GenerateSerializer, Immutable, Alias("LiveRoom.PublishGrant")]
public sealed record PublishGrant([property: Id(0)] bool Resumed, [property: Id(1)] DateTimeOffset LiveSince);
