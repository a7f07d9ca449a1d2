using LiveRoom.Contracts.Calls;
using LiveRoom.Storage.Calls;

namespace LiveRoom.Storage.Tests;

public sealed class CallRecordsTests(TempDatabase temp) : IClassFixture<TempDatabase>
{
    private static readonly DateTimeOffset Now = new(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);

    private SqlCallRecords Records => new(temp.Database);

    [Fact]
    public async Task ACallIsWrittenWhenItStartsAndCompletedWhenItEnds()
    {
        var call = NewCall("r_history", "v_ann", "u_agent");

        await Records.SaveCallAsync(call);
        (await Records.GetCallAsync(call.CallId))!.EndedAt.ShouldBeNull();
        await Records.SaveCallAsync(call with { EndedAt = Now.AddMinutes(4), Outcome = CallEndReasons.Hangup });
        await Records.SetRatingAsync(call.CallId, 4, "clear answers");
        await Records.SetNoteAsync(call.CallId, "follow up on Monday");

        var stored = (await Records.GetCallAsync(call.CallId))!;
        stored.Outcome.ShouldBe("hangup");
        stored.WaitSeconds.ShouldBe(90);
        stored.DurationSeconds.ShouldBe(240);
        stored.Rating.ShouldBe(4);
        stored.RatingComment.ShouldBe("clear answers");
        stored.Note.ShouldBe("follow up on Monday");
        stored.Topic.ShouldBe("claims");
        stored.Participants.ShouldBe(call.Participants);
    }

    [Fact]
    public async Task CallsAreFoundByRoomAndByEitherParticipantNewestFirst()
    {
        var first = NewCall("r_found", "v_bo", "u_one");
        var second = NewCall("r_found", "v_cy", "u_one") with { StartedAt = Now.AddMinutes(10) };
        var elsewhere = NewCall("r_other", "v_bo", "u_two") with { StartedAt = Now.AddMinutes(20) };
        foreach (var call in new[] { first, second, elsewhere }) await Records.SaveCallAsync(call);

        (await Records.ListCallsAsync(new CallQuery(RoomId: "r_found"))).Select(c => c.CallId).ShouldBe([second.CallId, first.CallId]);
        (await Records.ListCallsAsync(new CallQuery(ParticipantId: "v_bo"))).Select(c => c.CallId).ShouldBe([elsewhere.CallId, first.CallId]);
        (await Records.ListCallsAsync(new CallQuery(RoomId: "r_found", ParticipantId: "u_one", Limit: 1))).Single().CallId.ShouldBe(second.CallId);
        (await Records.ListCallsAsync(new CallQuery(ParticipantId: "v_nobody"))).ShouldBeEmpty();
    }

    private static CallRecord NewCall(string roomId, string viewerId, string agentId) => new(
        CallIds.NewCallId(),
        roomId,
        CallIds.NewTicketId(),
        "claims",
        [new CallParticipant(agentId, "Agent", CallRole.Agent), new CallParticipant(viewerId, "Viewer", CallRole.Viewer)],
        Now.AddSeconds(-90),
        Now,
        null,
        null,
        null,
        null,
        null);
}
