using System.Runtime.Serialization;
using System.Text.Json.Serialization;

namespace LiveRoom.Contracts.Calls;

/// <summary>
/// What a participant sends with <c>SendSignal</c>: a type (<see cref="SignalTypes"/>), its payload (SDP text,
/// the JSON of an RTCIceCandidateInit, or a media state), and optionally the one participant it is for.
/// Unknown fields are refused, not ignored.
/// </summary>
[GenerateSerializer, Immutable, Alias("LiveRoom.SignalMessage")]
[DataContract]
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record SignalMessage(
    [property: Id(0), DataMember(Name = "type")] string Type,
    [property: Id(1), DataMember(Name = "payload")] string Payload,
    [property: Id(2), DataMember(Name = "to")] string? To = null);
