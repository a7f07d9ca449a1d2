using System.Runtime.Serialization;
using LiveRoom.Contracts.Delivery;

namespace LiveRoom.Contracts.Calls;

/// <summary>The <c>callInvite</c> event: an agent asks another agent into their call.</summary>
[GenerateSerializer, Immutable, Alias("LiveRoom.CallInvite")]
[DataContract]
public sealed record CallInvite(
    [property: Id(0), DataMember(Name = "callId")] string CallId,
    [property: Id(1), DataMember(Name = "roomId")] string RoomId,
    [property: Id(2), DataMember(Name = "from")] CallParticipant From,
    [property: Id(3), DataMember(Name = "participants")] IReadOnlyList<CallParticipant> Participants) : PersonalEvent;
