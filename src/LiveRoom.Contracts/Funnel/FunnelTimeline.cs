using System.Runtime.Serialization;

namespace LiveRoom.Contracts.Funnel;

/// <summary>A room's stream minute by minute (every minute from the first to the last with activity), and its marked moments.</summary>
[DataContract]
public sealed record FunnelTimeline(
    [property: DataMember(Name = "roomId")] string RoomId,
    [property: DataMember(Name = "points")] IReadOnlyList<TimelinePoint> Points,
    [property: DataMember(Name = "markers")] IReadOnlyList<TimelineMarker> Markers);
