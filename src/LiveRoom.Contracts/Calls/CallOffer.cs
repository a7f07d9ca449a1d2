using System.Runtime.Serialization;
using LiveRoom.Contracts.Delivery;

namespace LiveRoom.Contracts.Calls;

/// <summary>The <c>callOffer</c> event: the next viewer is offered to this agent until <see cref="ExpiresAt"/>.</summary>
[GenerateSerializer, Immutable, Alias("LiveRoom.CallOffer")]
[DataContract]
public sealed record CallOffer(
    [property: Id(0), DataMember(Name = "roomId")] string RoomId,
    [property: Id(1), DataMember(Name = "ticketId")] string TicketId,
    [property: Id(2), DataMember(Name = "displayName")] string DisplayName,
    [property: Id(3), DataMember(Name = "topic")] string? Topic,
    [property: Id(4), DataMember(Name = "vip")] bool Vip,
    [property: Id(5), DataMember(Name = "expiresAt")] DateTimeOffset ExpiresAt) : PersonalEvent;
