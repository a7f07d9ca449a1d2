namespace LiveRoom.Contracts.Delivery;

/// <summary>One event for one person (an identity id: a viewer's or a staff user's).</summary>
[GenerateSerializer, Immutable, Alias("LiveRoom.PersonalDelivery")]
public sealed record PersonalDelivery(
    [property: Id(0)] string PersonId,
    [property: Id(1)] PersonalEvent Event);
