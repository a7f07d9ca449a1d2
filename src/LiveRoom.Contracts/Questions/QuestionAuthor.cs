using System.Runtime.Serialization;

namespace LiveRoom.Contracts.Questions;

[GenerateSerializer, Immutable, Alias("LiveRoom.QuestionAuthor")]
[DataContract]
public sealed record QuestionAuthor(
    [property: Id(0), DataMember(Name = "id")] string Id,
    [property: Id(1), DataMember(Name = "displayName")] string DisplayName);
