namespace LiveRoom.Contracts.Calls;

/// <summary>What a room's queue knows of an agent who serves it.</summary>
[GenerateSerializer, Immutable, Alias("LiveRoom.AgentView")]
public sealed record AgentView(
    [property: Id(0)] string AgentId,
    [property: Id(1)] string DisplayName,
    [property: Id(2)] AgentStatus Status);
