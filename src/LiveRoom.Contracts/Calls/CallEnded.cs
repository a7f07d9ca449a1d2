using System.Runtime.Serialization;
using LiveRoom.Contracts.Delivery;

namespace LiveRoom.Contracts.Calls;

/// <summary>The <c>callEnded</c> event. Reasons: <see cref="CallEndReasons"/>.</summary>
[GenerateSerializer, Immutable, Alias("LiveRoom.CallEnded")]
[DataContract]
public sealed record CallEnded(
    [property: Id(0), DataMember(Name = "callId")] string CallId,
    [property: Id(1), DataMember(Name = "reason")] string Reason) : PersonalEvent;
