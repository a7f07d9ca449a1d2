using System.Runtime.Serialization;
using LiveRoom.Contracts.Viewers;

namespace LiveRoom.Contracts.Chat;

/// <summary>The author of a chat message as everyone in the room sees it.</summary>
[GenerateSerializer, Immutable, Alias("LiveRoom.Sender")]
[DataContract]
public sealed record Sender(
    [property: Id(0), DataMember(Name = "id")] string Id,
    [property: Id(1), DataMember(Name = "displayName")] string DisplayName,
    [property: Id(2), DataMember(Name = "role")] ParticipantRole Role);
