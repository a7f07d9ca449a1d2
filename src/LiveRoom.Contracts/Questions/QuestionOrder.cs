namespace LiveRoom.Contracts.Questions;

/// <summary>The room's question order: most votes first, then the oldest first, then by id.</summary>
public sealed class QuestionOrder : IComparer<Question>
{
    public static QuestionOrder Instance { get; } = new();

    public int Compare(Question? x, Question? y)
    {
        if (ReferenceEquals(x, y)) return 0;
        if (x is null) return 1;
        if (y is null) return -1;
        var byVotes = y.Votes.CompareTo(x.Votes);
        if (byVotes != 0) return byVotes;
        var byTime = x.AskedAt.CompareTo(y.AskedAt);
        return byTime != 0 ? byTime : string.CompareOrdinal(x.Id, y.Id);
    }
}
