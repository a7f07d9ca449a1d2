using LiveRoom.Contracts.Chat;
using LiveRoom.Contracts.Questions;
using LiveRoom.Contracts.Rooms;
using LiveRoom.Contracts.Viewers;
using LiveRoom.Storage.Database;
using LiveRoom.Storage.Records;
using LiveRoom.Storage.Staff;

namespace LiveRoom.Storage.Tests;

public sealed class RecordsTests(TempDatabase temp) : IClassFixture<TempDatabase>
{
    private static readonly DateTimeOffset Now = new(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);

    private SqlRoomRecords Records => new(temp.Database);

    [Fact]
    public async Task MigratingAgainChangesNothing()
    {
        await temp.Database.MigrateAsync();
        await temp.Database.MigrateAsync();

        (await temp.Database.PingAsync()).ShouldBeTrue();
    }

    [Fact]
    public async Task RecentChatIsTheNewestUndeletedMessagesOldestFirst()
    {
        var room = NewRoom();
        for (var seq = 1; seq <= 5; seq++) await Records.AppendChatAsync(seq, Message(room, seq, $"text {seq}"));
        (await Records.MarkChatDeletedAsync(room, 4)).ShouldBeTrue();
        (await Records.MarkChatDeletedAsync(room, 40)).ShouldBeFalse();

        var recent = await Records.LoadRecentChatAsync(room, 3);

        recent.Select(m => m.Text).ShouldBe(["text 2", "text 3", "text 5"]);
        recent[0].Sender.Role.ShouldBe(ParticipantRole.Host);
        recent[0].SentAt.ShouldBe(Now.AddSeconds(2));
        (await Records.GetLastChatSequenceAsync(room)).ShouldBe(5);
        (await Records.GetLastChatSequenceAsync(NewRoom())).ShouldBe(0);
    }

    [Fact]
    public async Task TheRoomsOnAirAreThoseLiveOrInterrupted()
    {
        var (scheduled, live, interrupted, ended) = (NewRoom(), NewRoom(), NewRoom(), NewRoom());
        await Records.UpsertRoomAsync(new RoomRecord(scheduled, "S", null, RoomStatus.Scheduled, "u1", Now, null, null));
        await Records.UpsertRoomAsync(new RoomRecord(live, "L", null, RoomStatus.Live, "u1", Now, null, null));
        await Records.UpsertRoomAsync(new RoomRecord(interrupted, "I", null, RoomStatus.Interrupted, "u1", Now, null, null));
        await Records.UpsertRoomAsync(new RoomRecord(ended, "E", null, RoomStatus.Ended, "u1", Now, null, Now));

        var onAir = await Records.ListOnAirRoomIdsAsync();

        onAir.ShouldContain(live);
        onAir.ShouldContain(interrupted);
        onAir.ShouldNotContain(scheduled);
        onAir.ShouldNotContain(ended);
    }

    [Fact]
    public async Task AMessageSequenceIsWrittenOnce()
    {
        var room = NewRoom();
        await Records.AppendChatAsync(1, Message(room, 1, "first"));

        await Should.ThrowAsync<Microsoft.Data.Sqlite.SqliteException>(() => Records.AppendChatAsync(1, Message(room, 1, "again")));
    }

    [Fact]
    public async Task EachVoterCountsOncePerQuestion()
    {
        var room = NewRoom();
        var question = new Question("1", room, new QuestionAuthor("a", "A"), "why?", 0, QuestionStatus.Open, false, null, Now, null);
        await Records.SaveQuestionAsync(1, question);

        (await Records.AddVoteAsync(room, 1, "v1", Now)).ShouldBeTrue();
        (await Records.AddVoteAsync(room, 1, "v1", Now)).ShouldBeFalse();
        (await Records.AddVoteAsync(room, 1, "v2", Now)).ShouldBeTrue();
        (await Records.AddVoteAsync(room, 2, "v1", Now)).ShouldBeFalse("there is no question 2");
        await Records.SaveQuestionAsync(1, question with { Status = QuestionStatus.Answered, Answer = "because", AnsweredBy = new Sender("h", "Host", ParticipantRole.Host) });

        var stored = (await Records.LoadQuestionsAsync(room)).Single();
        stored.Question.Votes.ShouldBe(2, "saving a question never resets its votes");
        stored.Voters.ShouldBe(["v1", "v2"], ignoreOrder: true);
        stored.Question.Status.ShouldBe(QuestionStatus.Answered);
        stored.Question.AnsweredBy!.Role.ShouldBe(ParticipantRole.Host);
    }

    [Fact]
    public async Task TheRoomDirectoryListsNewestFirstAndFollowsUpdates()
    {
        var older = NewRoom();
        var newer = NewRoom();
        await Records.UpsertRoomAsync(new RoomRecord(older, "Older", null, RoomStatus.Scheduled, "u1", Now.AddYears(-30), null, null));
        await Records.UpsertRoomAsync(new RoomRecord(newer, "Newer", "d", RoomStatus.Scheduled, "u1", Now.AddYears(30), null, null));
        await Records.UpsertRoomAsync(new RoomRecord(older, "Older", null, RoomStatus.Ended, "u1", Now.AddYears(-30), null, Now));

        var rooms = await Records.ListRoomsAsync(1000);

        rooms[0].Id.ShouldBe(newer);
        rooms[^1].Id.ShouldBe(older);
        rooms[^1].Status.ShouldBe(RoomStatus.Ended);
        rooms[^1].EndedAt.ShouldBe(Now);
    }

    [Fact]
    public async Task StaffEmailsAreUniqueIgnoringCase()
    {
        var staff = new SqlStaffAccounts(temp.Database);
        var email = $"Host-{Guid.NewGuid():N}@Example.com";
        var account = new StaffAccount("u_" + Guid.NewGuid().ToString("N")[..8], email, "Host", ParticipantRole.Host, "hash", Now);

        (await staff.CreateAsync(account)).ShouldBeTrue();
        (await staff.CreateAsync(account with { Id = "u_other", Email = email.ToUpperInvariant() })).ShouldBeFalse();
        var found = await staff.FindByEmailAsync("  " + email.ToLowerInvariant() + " ");
        await staff.UpdatePasswordHashAsync(account.Id, "new-hash");

        found!.Id.ShouldBe(account.Id);
        found.Role.ShouldBe(ParticipantRole.Host);
        (await staff.FindByIdAsync(account.Id))!.PasswordHash.ShouldBe("new-hash");
    }

    [Fact]
    public async Task TwoDatabasesOnTheSameFileSeeEachOthersWrites()
    {
        var room = NewRoom();
        var other = new SqlRoomRecords(new LiveRoomDatabase(temp.Database.DatabaseFile));

        await Records.AppendChatAsync(1, Message(room, 1, "written by one"));

        (await other.LoadRecentChatAsync(room, 10)).Single().Text.ShouldBe("written by one");
    }

    private static string NewRoom() => RoomIds.NewRoomId();

    private static ChatMessage Message(string room, long seq, string text) =>
        new(seq.ToString(System.Globalization.CultureInfo.InvariantCulture), room, new Sender("s1", "Sam", ParticipantRole.Host), text, Now.AddSeconds(seq));
}
