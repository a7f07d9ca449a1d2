using System.Runtime.Serialization;

namespace LiveRoom.Contracts.Funnel;

/// <summary>One minute of a room's stream (<see cref="At"/> is the minute's start): viewers watching in it, and what they did.</summary>
[DataContract]
public sealed record TimelinePoint(
    [property: DataMember(Name = "at")] DateTimeOffset At,
    [property: DataMember(Name = "viewers")] long Viewers,
    [property: DataMember(Name = "chats")] long Chats,
    [property: DataMember(Name = "questions")] long Questions,
    [property: DataMember(Name = "joins")] long Joins);
