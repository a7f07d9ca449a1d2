namespace LiveRoom.Contracts.Delivery;

/// <summary>Personal events for one node, in the order they are to be delivered.</summary>
[GenerateSerializer, Immutable, Alias("LiveRoom.PersonalBatch")]
public sealed record PersonalBatch([property: Id(0)] IReadOnlyList<PersonalDelivery> Deliveries);
