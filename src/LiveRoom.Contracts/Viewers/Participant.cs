using System.Runtime.Serialization;
using LiveRoom.Contracts.Chat;
using LiveRoom.Contracts.Questions;

namespace LiveRoom.Contracts.Viewers;

/// <summary>Someone present in a room (a viewer or a member of staff) as the room knows them.</summary>
[GenerateSerializer, Immutable, Alias("LiveRoom.Participant")]
[DataContract]
public sealed record Participant(
    [property: Id(0), DataMember(Name = "id")] string Id,
    [property: Id(1), DataMember(Name = "displayName")] string DisplayName,
    [property: Id(2), DataMember(Name = "role")] ParticipantRole Role,
    [property: Id(3), DataMember(Name = "muted")] bool Muted,
    [property: Id(4), DataMember(Name = "banned")] bool Banned = false)
{
    public Sender AsSender() => new(Id, DisplayName, Role);

    public QuestionAuthor AsAuthor() => new(Id, DisplayName);
}
