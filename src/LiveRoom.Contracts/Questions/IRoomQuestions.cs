using LiveRoom.Contracts.Chat;
using LiveRoom.Contracts.Common;

namespace LiveRoom.Contracts.Questions;

/// <summary>The room's questions: asked, upvoted, answered, pinned, dismissed. A role of the room grain (key: room id).</summary>
[Alias("LiveRoom.IRoomQuestions")]
public interface IRoomQuestions : IGrainWithStringKey
{
    [Alias("AskQuestion")]
    Task<Outcome<Question>> AskQuestionAsync(QuestionAuthor author, string text);

    [Alias("Upvote")]
    Task<Outcome<Question>> UpvoteAsync(string questionId, string voterId);

    [Alias("Answer")]
    Task<Outcome<Question>> AnswerAsync(string questionId, string answer, Sender answeredBy);

    [Alias("Pin")]
    Task<Outcome<Question>> PinAsync(string questionId, bool pinned);

    [Alias("Dismiss")]
    Task<Outcome<Question>> DismissAsync(string questionId);
}
