using System.Runtime.Serialization;

namespace LiveRoom.Contracts.Calls;

[GenerateSerializer, Immutable, Alias("LiveRoom.CallParticipant")]
[DataContract]
public sealed record CallParticipant(
    [property: Id(0), DataMember(Name = "id")] string Id,
    [property: Id(1), DataMember(Name = "displayName")] string DisplayName,
    [property: Id(2), DataMember(Name = "role")] CallRole Role);
