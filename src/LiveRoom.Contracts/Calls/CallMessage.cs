using System.Runtime.Serialization;

namespace LiveRoom.Contracts.Calls;

/// <summary>A text message written in a call, kept with the call.</summary>
[GenerateSerializer, Immutable, Alias("LiveRoom.CallMessage")]
[DataContract]
public sealed record CallMessage(
    [property: Id(0), DataMember(Name = "id")] string Id,
    [property: Id(1), DataMember(Name = "callId")] string CallId,
    [property: Id(2), DataMember(Name = "from")] CallParticipant From,
    [property: Id(3), DataMember(Name = "text")] string Text,
    [property: Id(4), DataMember(Name = "sentAt")] DateTimeOffset SentAt);
