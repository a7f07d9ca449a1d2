using LiveRoom.Contracts.Delivery;

namespace LiveRoom.Grains.Tests;

/// <summary>A personal event only the tests send.</summary>
[GenerateSerializer, Immutable, Alias("LiveRoom.Tests.TestNote")]
public sealed record TestNote([property: Id(0)] string Text) : PersonalEvent;
