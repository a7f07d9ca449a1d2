using System.Runtime.Serialization;

namespace LiveRoom.Contracts.Funnel;

/// <summary>How many times each thing was done (the steps count people; these count actions).</summary>
[DataContract]
public sealed record FunnelTotals(
    [property: DataMember(Name = "joins")] long Joins,
    [property: DataMember(Name = "watchSeconds")] long WatchSeconds,
    [property: DataMember(Name = "chatMessages")] long ChatMessages,
    [property: DataMember(Name = "questions")] long Questions,
    [property: DataMember(Name = "upvotes")] long Upvotes,
    [property: DataMember(Name = "cardClicks")] long CardClicks,
    [property: DataMember(Name = "channelVisits")] long ChannelVisits,
    [property: DataMember(Name = "qrScans")] long QrScans,
    [property: DataMember(Name = "callRequests")] long CallRequests,
    [property: DataMember(Name = "callsAccepted")] long CallsAccepted,
    [property: DataMember(Name = "callsCompleted")] long CallsCompleted,
    [property: DataMember(Name = "leads")] long Leads);
