using System.Runtime.Serialization;

namespace LiveRoom.Contracts.Calls;

/// <summary>A viewer's place in a room's call queue, as <c>RequestCall</c> returns it.</summary>
[GenerateSerializer, Immutable, Alias("LiveRoom.CallTicket")]
[DataContract]
public sealed record CallTicket(
    [property: Id(0), DataMember(Name = "ticketId")] string TicketId,
    [property: Id(1), DataMember(Name = "roomId")] string RoomId,
    [property: Id(2), DataMember(Name = "position")] int Position,
    [property: Id(3), DataMember(Name = "estimatedWaitSeconds")] int? EstimatedWaitSeconds,
    [property: Id(4), DataMember(Name = "estimatedWait")] WaitEstimate? EstimatedWait,
    [property: Id(5), DataMember(Name = "state")] TicketState State);
