using System.Runtime.Serialization;
using LiveRoom.Contracts.Delivery;

namespace LiveRoom.Contracts.Calls;

/// <summary>An agent's availability and load; also the <c>agentStatus</c> event.</summary>
[GenerateSerializer, Immutable, Alias("LiveRoom.AgentStatus")]
[DataContract]
public sealed record AgentStatus(
    [property: Id(0), DataMember(Name = "agentId")] string AgentId,
    [property: Id(1), DataMember(Name = "available")] bool Available,
    [property: Id(2), DataMember(Name = "capacity")] int Capacity,
    [property: Id(3), DataMember(Name = "activeCalls")] int ActiveCalls) : PersonalEvent
{
    /// <summary>Whether the agent may be offered or given another call now.</summary>
    [System.Text.Json.Serialization.JsonIgnore, IgnoreDataMember]
    public bool HasRoom => Available && ActiveCalls < Capacity;
}
