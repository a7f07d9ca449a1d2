using System.Runtime.Serialization;

namespace LiveRoom.Contracts.Funnel;

/// <summary>
/// One member of staff's private calls: how many, how long viewers waited for them (request to start) and how
/// long they lasted (start to end, ended calls only), and the viewers' average rating (null: none rated).
/// </summary>
[DataContract]
public sealed record AgentFigures(
    [property: DataMember(Name = "agentId")] string AgentId,
    [property: DataMember(Name = "displayName")] string DisplayName,
    [property: DataMember(Name = "calls")] int Calls,
    [property: DataMember(Name = "averageWaitSeconds")] double AverageWaitSeconds,
    [property: DataMember(Name = "averageHandleSeconds")] double? AverageHandleSeconds,
    [property: DataMember(Name = "averageRating")] double? AverageRating,
    [property: DataMember(Name = "ratings")] int Ratings);
