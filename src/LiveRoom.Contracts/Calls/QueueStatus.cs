using System.Runtime.Serialization;
using LiveRoom.Contracts.Delivery;

namespace LiveRoom.Contracts.Calls;

/// <summary>The <c>queue</c> event: a waiting viewer's position, estimate or state changed.</summary>
[GenerateSerializer, Immutable, Alias("LiveRoom.QueueStatus")]
[DataContract]
public sealed record QueueStatus(
    [property: Id(0), DataMember(Name = "roomId")] string RoomId,
    [property: Id(1), DataMember(Name = "ticketId")] string TicketId,
    [property: Id(2), DataMember(Name = "position")] int Position,
    [property: Id(3), DataMember(Name = "estimatedWaitSeconds")] int? EstimatedWaitSeconds,
    [property: Id(4), DataMember(Name = "estimatedWait")] WaitEstimate? EstimatedWait,
    [property: Id(5), DataMember(Name = "state")] TicketState State,
    [property: Id(6), DataMember(Name = "reason")] string? Reason) : PersonalEvent;
