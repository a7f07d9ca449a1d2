using System.Runtime.Serialization;

namespace LiveRoom.Contracts.Calls;

/// <summary>What a room's queue knows of an agent who serves it.</summary>
[GenerateSerializer, Immutable, Alias("LiveRoom.AgentView")]
[DataContract]
public sealed record AgentView(
    [property: Id(0), DataMember(Name = "agentId")] string AgentId,
    [property: Id(1), DataMember(Name = "displayName")] string DisplayName,
    [property: Id(2), DataMember(Name = "status")] AgentStatus Status);
