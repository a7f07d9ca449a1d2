using System.Runtime.Serialization;

namespace LiveRoom.Contracts.Funnel;

/// <summary>What one viewer did in one room, added up (the <c>viewer_engagement</c> aggregate).</summary>
[DataContract]
public sealed record ViewerEngagement(
    [property: DataMember(Name = "roomId")] string RoomId,
    [property: DataMember(Name = "viewerId")] string ViewerId,
    [property: DataMember(Name = "joins")] long Joins,
    [property: DataMember(Name = "watchSeconds")] long WatchSeconds,
    [property: DataMember(Name = "chats")] long Chats,
    [property: DataMember(Name = "questions")] long Questions,
    [property: DataMember(Name = "upvotes")] long Upvotes,
    [property: DataMember(Name = "cardClicks")] long CardClicks,
    [property: DataMember(Name = "channelVisits")] long ChannelVisits,
    [property: DataMember(Name = "callRequests")] long CallRequests,
    [property: DataMember(Name = "callsCompleted")] long CallsCompleted);
