using LiveRoom.Contracts.Questions;

namespace LiveRoom.Grains.Rooms;

internal sealed class QuestionEntry(long sequence, Question question, IEnumerable<string> voters)
{
    public long Sequence { get; } = sequence;

    public Question Question { get; set; } = question;

    public HashSet<string> Voters { get; } = new(voters, StringComparer.Ordinal);
}
