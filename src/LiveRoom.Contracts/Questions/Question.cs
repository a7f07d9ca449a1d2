using System.Runtime.Serialization;
using LiveRoom.Contracts.Chat;

namespace LiveRoom.Contracts.Questions;

/// <summary>
/// A question in the room's Q&amp;A. Rooms order questions by <see cref="Votes"/> (most first), then by
/// <see cref="AskedAt"/> (oldest first); <see cref="QuestionOrder"/> is that rule.
/// </summary>
[GenerateSerializer, Immutable, Alias("LiveRoom.Question")]
[DataContract]
public sealed record Question(
    [property: Id(0), DataMember(Name = "id")] string Id,
    [property: Id(1), DataMember(Name = "roomId")] string RoomId,
    [property: Id(2), DataMember(Name = "askedBy")] QuestionAuthor AskedBy,
    [property: Id(3), DataMember(Name = "text")] string Text,
    [property: Id(4), DataMember(Name = "votes")] int Votes,
    [property: Id(5), DataMember(Name = "status")] QuestionStatus Status,
    [property: Id(6), DataMember(Name = "pinned")] bool Pinned,
    [property: Id(7), DataMember(Name = "answer")] string? Answer,
    [property: Id(8), DataMember(Name = "askedAt")] DateTimeOffset AskedAt,
    [property: Id(9), DataMember(Name = "answeredBy")] Sender? AnsweredBy);
