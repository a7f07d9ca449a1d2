using System.Runtime.Serialization;

namespace LiveRoom.Contracts.Funnel;

/// <summary>
/// A room's (or every room's, <see cref="RoomId"/> null) conversion funnel. <see cref="PeakViewers"/> is the most
/// viewers watching in one minute (at <see cref="PeakAt"/>, the minute's start); across rooms, summed per minute.
/// </summary>
[DataContract]
public sealed record FunnelReport(
    [property: DataMember(Name = "roomId")] string? RoomId,
    [property: DataMember(Name = "from")] DateTimeOffset? From,
    [property: DataMember(Name = "to")] DateTimeOffset? To,
    [property: DataMember(Name = "viewers")] long Viewers,
    [property: DataMember(Name = "peakViewers")] long PeakViewers,
    [property: DataMember(Name = "peakAt")] DateTimeOffset? PeakAt,
    [property: DataMember(Name = "averageWatchSeconds")] double AverageWatchSeconds,
    [property: DataMember(Name = "totals")] FunnelTotals Totals,
    [property: DataMember(Name = "steps")] IReadOnlyList<FunnelStep> Steps,
    [property: DataMember(Name = "agents")] IReadOnlyList<AgentFigures> Agents);
