
namespace LiveRoom.Contracts.Questions;

/// <summary>A question as stored, with the ids of everyone who upvoted it.</summary>
public sealed record StoredQuestion(long Sequence, Question Question, IReadOnlyCollection<string> Voters);
