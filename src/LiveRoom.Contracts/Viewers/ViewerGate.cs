namespace LiveRoom.Contracts.Viewers;

/// <summary>
/// What the room checks about a viewer before letting them in or letting them speak: the networks the
/// identity was issued to and connects from (never shown to anyone), and when it was made.
/// </summary>
[GenerateSerializer, Immutable, Alias("LiveRoom.ViewerGate")]
public sealed record ViewerGate([property: Id(0)] string[] Addresses, [property: Id(1)] DateTimeOffset RegisteredAt);
