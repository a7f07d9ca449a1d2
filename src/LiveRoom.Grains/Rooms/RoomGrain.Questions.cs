using LiveRoom.Contracts.Chat;
using LiveRoom.Contracts.Common;
using LiveRoom.Contracts.Questions;

namespace LiveRoom.Grains.Rooms;

/// <summary>Q&amp;A: asking, upvoting, answering, pinning and dismissing questions, each saved before it is sent.</summary>
public sealed partial class RoomGrain
{
    public async Task<Outcome<Question>> AskQuestionAsync(QuestionAuthor author, string text)
    {
        if (Unavailable() is { } refusal) return Outcome<Question>.From(refusal);
        var checkedText = TextRules.Check(text, _chat.MaxQuestionLength, "question");
        if (!checkedText.IsSuccess) return Outcome<Question>.From(checkedText.Refusal!);

        var sequence = ++_lastQuestionSequence;
        var question = new Question(SequenceId(sequence), RoomId, author, checkedText.Value!, 0, QuestionStatus.Open, false, null, _time.GetUtcNow(), null);
        await _records.SaveQuestionAsync(sequence, question);
        _questions[sequence] = new QuestionEntry(sequence, question, []);
        var published = Publish(question);
        await PublishQuestionAskedAsync(question);
        return published;
    }

    public async Task<Outcome<Question>> UpvoteAsync(string questionId, string voterId)
    {
        if (Unavailable() is { } refusal) return Outcome<Question>.From(refusal);
        if (!TryFindQuestion(questionId, out var entry)) return Outcome<Question>.From(Refusals.QuestionNotFound);
        if (entry.Question.Status != QuestionStatus.Open) return Outcome<Question>.From(Refusals.QuestionClosed);
        if (entry.Voters.Contains(voterId)) return Outcome<Question>.From(Refusals.AlreadyVoted);
        if (!await _records.AddVoteAsync(RoomId, entry.Sequence, voterId, _time.GetUtcNow()))
        {
            entry.Voters.Add(voterId);
            return Outcome<Question>.From(Refusals.AlreadyVoted);
        }

        entry.Voters.Add(voterId);
        entry.Question = entry.Question with { Votes = entry.Question.Votes + 1 };
        return Publish(entry.Question);
    }

    public async Task<Outcome<Question>> AnswerAsync(string questionId, string answer, Sender answeredBy)
    {
        if (!_state.State.Exists) return Outcome<Question>.From(Refusals.RoomNotFound);
        if (!TryFindQuestion(questionId, out var entry)) return Outcome<Question>.From(Refusals.QuestionNotFound);
        var checkedAnswer = TextRules.Check(answer, _chat.MaxAnswerLength, "answer");
        if (!checkedAnswer.IsSuccess) return Outcome<Question>.From(checkedAnswer.Refusal!);
        return await SaveAsync(entry, entry.Question with { Status = QuestionStatus.Answered, Answer = checkedAnswer.Value, AnsweredBy = answeredBy });
    }

    public async Task<Outcome<Question>> PinAsync(string questionId, bool pinned)
    {
        if (!_state.State.Exists) return Outcome<Question>.From(Refusals.RoomNotFound);
        if (!TryFindQuestion(questionId, out var entry)) return Outcome<Question>.From(Refusals.QuestionNotFound);
        if (pinned)
        {
            if (entry.Question.Status == QuestionStatus.Dismissed) return Outcome<Question>.From(Refusals.QuestionClosed);
            foreach (var other in _questions.Values.Where(q => q.Question.Pinned && q != entry).ToArray())
            {
                await SaveAsync(other, other.Question with { Pinned = false });
            }
        }

        return await SaveAsync(entry, entry.Question with { Pinned = pinned });
    }

    public async Task<Outcome<Question>> DismissAsync(string questionId)
    {
        if (!_state.State.Exists) return Outcome<Question>.From(Refusals.RoomNotFound);
        if (!TryFindQuestion(questionId, out var entry)) return Outcome<Question>.From(Refusals.QuestionNotFound);
        return await SaveAsync(entry, entry.Question with { Status = QuestionStatus.Dismissed, Pinned = false });
    }

    private async Task<Outcome<Question>> SaveAsync(QuestionEntry entry, Question updated)
    {
        await _records.SaveQuestionAsync(entry.Sequence, updated);
        entry.Question = updated;
        return Publish(updated);
    }

    private Outcome<Question> Publish(Question question)
    {
        _pending.Add(question);
        ScheduleFlush();
        return Outcome<Question>.Ok(question);
    }

    private bool TryFindQuestion(string questionId, out QuestionEntry entry)
    {
        entry = null!;
        return TryParseSequence(questionId, out var sequence) && _questions.TryGetValue(sequence, out entry!);
    }
}
