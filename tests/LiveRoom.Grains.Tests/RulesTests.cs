using LiveRoom.Contracts.Common;
using LiveRoom.Contracts.Questions;
using LiveRoom.Contracts.Rooms;

namespace LiveRoom.Grains.Tests;

public sealed class RulesTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void TokenBucketAllowsTheBurstThenTheRate()
    {
        var bucket = new TokenBucket(2, 5, Start);

        Enumerable.Range(0, 5).Select(_ => bucket.TryTake(Start)).ShouldAllBe(ok => ok);
        bucket.TryTake(Start).ShouldBeFalse();
        bucket.TryTake(Start.AddMilliseconds(499)).ShouldBeFalse();
        bucket.TryTake(Start.AddMilliseconds(500)).ShouldBeTrue();
        bucket.TryTake(Start.AddSeconds(100)).ShouldBeTrue();
        Enumerable.Range(0, 4).Select(_ => bucket.TryTake(Start.AddSeconds(100))).ShouldAllBe(ok => ok, "the bucket never holds more than the burst");
        bucket.TryTake(Start.AddSeconds(100)).ShouldBeFalse();
    }

    [Fact]
    public void TokenBucketIgnoresTimeGoingBackwards()
    {
        var bucket = new TokenBucket(1, 1, Start);
        bucket.TryTake(Start).ShouldBeTrue();

        bucket.TryTake(Start.AddSeconds(-10)).ShouldBeFalse();
    }

    [Theory]
    [InlineData("hello", true, "hello")]
    [InlineData("  padded \n", true, "padded")]
    [InlineData("line one\nline two", true, "line one\nline two")]
    [InlineData("price:\t199\tyuan", true, "price:\t199\tyuan")]
    [InlineData("", false, null)]
    [InlineData("   ", false, null)]
    [InlineData("null\0byte", false, null)]
    [InlineData("escape\u001b[31m", false, null)]
    public void TextRulesTrimAndRefuse(string text, bool accepted, string? stored)
    {
        var outcome = TextRules.Check(text, 500, "message");

        outcome.IsSuccess.ShouldBe(accepted);
        if (accepted) outcome.Value.ShouldBe(stored);
    }

    [Fact]
    public void TextLengthCountsCharactersNotUtf16Units()
    {
        var emoji = string.Concat(Enumerable.Repeat("😀", 500));

        TextRules.Check(emoji, 500, "message").IsSuccess.ShouldBeTrue();
        TextRules.Check(emoji + "😀", 500, "message").Refusal!.Code.ShouldBe(RefusalCode.TooLong);
    }

    [Theory]
    [InlineData("Alice", true)]
    [InlineData("小明", true)]
    [InlineData("", false)]
    [InlineData("tab\there", false)]
    [InlineData("line\nbreak", false)]
    public void DisplayNamesAreOneLine(string name, bool accepted) =>
        TextRules.CheckDisplayName(name).IsSuccess.ShouldBe(accepted);

    [Fact]
    public void GrainKeysRoundTripAndRefuseSeparators()
    {
        var key = GrainKeys.Viewer("room123456", "v_abc");

        GrainKeys.ParseViewer(key).ShouldBe(("room123456", "v_abc"));
        Should.Throw<ArgumentException>(() => GrainKeys.Viewer("a/b", "c"));
        Should.Throw<ArgumentException>(() => GrainKeys.Viewer("a", ""));
        Should.Throw<FormatException>(() => GrainKeys.ParseViewer("no-separator"));
    }

    [Fact]
    public void StreamKeysHaveOneShapeAndNameTheirRoom()
    {
        var roomId = RoomIds.NewRoomId();
        var key = RoomIds.NewStreamKey(roomId);

        RoomIds.IsRoomId(roomId).ShouldBeTrue();
        RoomIds.TryParseStreamKey(key, out var parsed).ShouldBeTrue();
        parsed.ShouldBe(roomId);
        RoomIds.StreamKeysMatch(key, key).ShouldBeTrue();
        RoomIds.StreamKeysMatch(key, RoomIds.NewStreamKey(roomId)).ShouldBeFalse();
        foreach (var bad in new[] { "", key + "x", key.ToUpperInvariant(), "../../etc/passwd", roomId + "-" + key[11..], new string('a', 35) })
        {
            RoomIds.TryParseStreamKey(bad, out _).ShouldBeFalse(bad);
        }
    }

    [Fact]
    public void QuestionOrderIsVotesThenTimeThenId()
    {
        var author = new QuestionAuthor("a", "A");
        Question Q(string id, int votes, int minute) =>
            new(id, "r", author, "t", votes, QuestionStatus.Open, false, null, Start.AddMinutes(minute), null);

        var ordered = new[] { Q("1", 0, 0), Q("2", 3, 5), Q("3", 3, 1), Q("5", 1, 2), Q("4", 1, 2) }.Order(QuestionOrder.Instance).Select(q => q.Id);

        ordered.ShouldBe(["3", "2", "4", "5", "1"]);
    }
}
