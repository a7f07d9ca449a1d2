using System.Runtime.Serialization;

namespace LiveRoom.Contracts.Funnel;

/// <summary>
/// One step of the funnel: how many viewers reached it, as a share (0–1) of the step before and of all viewers
/// (null when the step it is measured against has nobody).
/// </summary>
[DataContract]
public sealed record FunnelStep(
    [property: DataMember(Name = "step")] string Step,
    [property: DataMember(Name = "count")] long Count,
    [property: DataMember(Name = "ofPrevious")] double? OfPrevious,
    [property: DataMember(Name = "ofViewers")] double? OfViewers);
