using System.Runtime.Serialization;

namespace LiveRoom.Contracts.Calls;

/// <summary>One waiting viewer as agents see it.</summary>
[GenerateSerializer, Immutable, Alias("LiveRoom.QueueEntry")]
[DataContract]
public sealed record QueueEntry(
    [property: Id(0), DataMember(Name = "ticketId")] string TicketId,
    [property: Id(1), DataMember(Name = "roomId")] string RoomId,
    [property: Id(2), DataMember(Name = "viewerId")] string ViewerId,
    [property: Id(3), DataMember(Name = "displayName")] string DisplayName,
    [property: Id(4), DataMember(Name = "topic")] string? Topic,
    [property: Id(5), DataMember(Name = "vip")] bool Vip,
    [property: Id(6), DataMember(Name = "waitingSince")] DateTimeOffset WaitingSince,
    [property: Id(7), DataMember(Name = "position")] int Position,
    [property: Id(8), DataMember(Name = "state")] TicketState State,
    [property: Id(9), DataMember(Name = "offeredTo")] string? OfferedTo);
