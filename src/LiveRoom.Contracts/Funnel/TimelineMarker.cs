using System.Runtime.Serialization;

namespace LiveRoom.Contracts.Funnel;

/// <summary>A moment marked on a room's timeline: what happened (<see cref="Kind"/>, e.g. <c>ended</c>, <c>card</c>) and a label to show.</summary>
[DataContract]
public sealed record TimelineMarker(
    [property: DataMember(Name = "at")] DateTimeOffset At,
    [property: DataMember(Name = "kind")] string Kind,
    [property: DataMember(Name = "label")] string Label);
