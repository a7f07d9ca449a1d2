using LiveRoom.Contracts.Calls;
using LiveRoom.Storage.Calls;

namespace LiveRoom.Storage.Tests;

/// <summary>The chunks of a call's recording and the recording on the call, in SQLite.</summary>
public sealed class CallRecordingChunksTests(TempDatabase temp) : IClassFixture<TempDatabase>
{
    private static readonly DateTimeOffset Now = new(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);

    private SqlCallRecordingChunks Chunks => new(temp.Database);

    private SqlCallRecords Records => new(temp.Database);

    [Fact]
    public async Task TheFirstChunkRecordedAtAPlaceWinsAndChunksListByTakeThenSeq()
    {
        const string CallId = "c_chunks";
        var first = new RecordingChunk(CallId, 1, 0, "AAAA", 10);

        (await Chunks.AddAsync(first)).ShouldBe(first);
        (await Chunks.AddAsync(first with { Sha256 = "BBBB", Size = 20 })).ShouldBe(first, "a different body does not replace the first");
        await Chunks.AddAsync(new RecordingChunk(CallId, 2, 0, "CCCC", 5));
        await Chunks.AddAsync(new RecordingChunk(CallId, 1, 3, "DDDD", 7));
        await Chunks.AddAsync(new RecordingChunk("c_other", 1, 1, "EEEE", 7));

        (await Chunks.GetAsync(CallId, 1, 0)).ShouldBe(first);
        (await Chunks.GetAsync(CallId, 1, 1)).ShouldBeNull();
        (await Chunks.ListAsync(CallId)).Select(c => (c.Take, c.Seq)).ShouldBe([(1, 0), (1, 3), (2, 0)]);
    }

    [Fact]
    public async Task ACallsRecordingIsKeptWithItsGapsAndCanBeCleared()
    {
        var call = new CallRecord("c_recorded", "r_rec", "t_rec", null, [new CallParticipant("u_agent", "Agent", CallRole.Agent)], Now, Now, Now.AddMinutes(3), CallEndReasons.Hangup, null, null, null);
        await Records.SaveCallAsync(call);
        (await Records.GetCallAsync(call.CallId))!.Recording.ShouldBeNull("nothing recorded");

        await Records.SetRecordingAsync(call.CallId, new CallRecordingInfo(CallRecordingFileStatus.Processing, 0.25, null, null, []));
        await Records.SetRecordingProgressAsync(call.CallId, 0.5);
        await Records.SetRecordingProgressAsync(call.CallId, 0.4);
        var processing = (await Records.GetCallAsync(call.CallId))!.Recording!;
        processing.Status.ShouldBe(CallRecordingFileStatus.Processing);
        processing.Progress.ShouldBe(0.5, "progress only moves forward");
        processing.MissingChunks.ShouldBeEmpty();

        await Records.SetRecordingAsync(call.CallId, new CallRecordingInfo(CallRecordingFileStatus.Ready, 1, "/api/calls/c_recorded/recording", 61.5, [new MissingChunk(1, 4), new MissingChunk(2, 0)]));
        await Records.SaveCallAsync(call);
        await Records.SetRecordingProgressAsync(call.CallId, 0.99);
        var ready = (await Records.GetCallAsync(call.CallId))!.Recording!;
        ready.Status.ShouldBe(CallRecordingFileStatus.Ready);
        ready.Progress.ShouldBe(1, "a late progress report does not touch a finished recording");
        ready.Url.ShouldBe("/api/calls/c_recorded/recording");
        ready.DurationSeconds.ShouldBe(61.5);
        ready.MissingChunks.ShouldBe([new MissingChunk(1, 4), new MissingChunk(2, 0)], "kept when the call is saved again");

        await Records.SetRecordingAsync(call.CallId, null);
        (await Records.GetCallAsync(call.CallId))!.Recording.ShouldBeNull();
    }
}
