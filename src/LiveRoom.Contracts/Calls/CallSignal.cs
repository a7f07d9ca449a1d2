using System.Runtime.Serialization;
using LiveRoom.Contracts.Delivery;

namespace LiveRoom.Contracts.Calls;

/// <summary>The <c>signal</c> event: signalling from another participant of the call.</summary>
[GenerateSerializer, Immutable, Alias("LiveRoom.CallSignal")]
[DataContract]
public sealed record CallSignal(
    [property: Id(0), DataMember(Name = "callId")] string CallId,
    [property: Id(1), DataMember(Name = "from")] string From,
    [property: Id(2), DataMember(Name = "type")] string Type,
    [property: Id(3), DataMember(Name = "payload")] string Payload) : PersonalEvent;
