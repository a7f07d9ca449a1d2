using LiveRoom.Media.Flv;
using Microsoft.Extensions.Logging;

namespace LiveRoom.Media.Tests.Flv;

public sealed class FlvRelayTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private readonly CollectingLoggerProvider _logs = new();
    private readonly ILoggerFactory _loggerFactory;

    public FlvRelayTests() => _loggerFactory = LoggerFactory.Create(b => b.AddProvider(_logs).SetMinimumLevel(LogLevel.Debug));

    public void Dispose() => _loggerFactory.Dispose();

    [Fact]
    public void ALateViewerStartsWithTheHeaderMetadataSequenceHeadersAndTheLatestKeyframe()
    {
        var relay = NewRelay();
        PublishHeaders(relay);
        var stream = TestTags.Stream(45, gop: 10).ToList();
        foreach (var tag in stream) relay.Publish(tag);
        var latestKeyframe = stream.Last(t => t.IsKeyframe);

        using var viewer = relay.Subscribe("late");

        var (flags, tags) = FlvTestReader.Parse(FlvTestReader.Drain(viewer));
        flags.ShouldBe((byte)5, "audio and video");
        tags[0].Type.ShouldBe(FlvTag.Script);
        tags[1].ShouldSatisfyAllConditions(t => t.Type.ShouldBe(FlvTag.Video), t => t.IsSequenceHeader.ShouldBeTrue());
        tags[2].ShouldSatisfyAllConditions(t => t.Type.ShouldBe(FlvTag.Audio), t => t.IsSequenceHeader.ShouldBeTrue());
        tags.Take(3).ShouldAllBe(t => t.Timestamp == latestKeyframe.Timestamp, "the prefix is stamped with the keyframe's time, so the stream moves forward");
        tags[3].IsKeyframe.ShouldBeTrue();
        tags[3].IsSequenceHeader.ShouldBeFalse();
        tags.Skip(3).Select(TestTags.SequenceOf).ShouldBe(stream.SkipWhile(t => t != latestKeyframe).Select(TestTags.SequenceOf), "every tag since the keyframe, in order");
        tags.Skip(3).Select(t => t.Timestamp).ShouldBe(stream.SkipWhile(t => t != latestKeyframe).Select(t => t.Timestamp), "timestamps as the publisher sent them");

        relay.Publish(TestTags.Interframe(2000, 1000));

        var (_, live) = ParseContinuation(FlvTestReader.Drain(viewer));
        live.Single().ShouldSatisfyAllConditions(t => TestTags.SequenceOf(t).ShouldBe(1000), t => t.Timestamp.ShouldBe(2000u));
    }

    [Fact]
    public void AViewerBeforeTheFirstKeyframeGetsNothingUntilItThenStartsThere()
    {
        var relay = NewRelay();
        PublishHeaders(relay);
        using var viewer = relay.Subscribe("early");
        relay.Publish(TestTags.AudioFrame(10, 0));
        relay.Publish(TestTags.Interframe(20, 1));

        viewer.Reader.TryRead(out _).ShouldBeFalse("nothing a player could start with yet");

        relay.Publish(TestTags.Keyframe(40, 2));
        relay.Publish(TestTags.AudioFrame(41, 3));

        var (_, tags) = FlvTestReader.Parse(FlvTestReader.Drain(viewer));
        tags.Select(t => (t.Type, t.Timestamp, TestTags.SequenceOf(t))).ShouldBe(
        [
            (FlvTag.Script, 40u, -1), (FlvTag.Video, 40u, -1), (FlvTag.Audio, 40u, -1), (FlvTag.Video, 40u, 2), (FlvTag.Audio, 41u, 3),
        ]);
    }

    [Fact]
    public async Task AViewerThatNeverReadsIsDroppedWhileAFastOneGetsEverythingInOrder()
    {
        var relay = NewRelay(gopCacheBytes: 4 * 1024, queueBytes: 16 * 1024);
        PublishHeaders(relay);
        var slow = relay.Subscribe("slow");
        using var fast = relay.Subscribe("fast");
        var received = new MemoryStream();
        var stream = TestTags.Stream(600, gop: 10, videoSize: 200).ToList();

        foreach (var tag in stream)
        {
            relay.Publish(tag);
            received.Write(FlvTestReader.Drain(fast));
        }

        await slow.Reader.Completion.WaitAsync(Timeout, TestContext.Current.CancellationToken);
        slow.EndReason.ShouldBe(FlvSubscriptionEnd.TooSlow);
        slow.Reader.TryRead(out _).ShouldBeFalse("what was queued for a dropped viewer is discarded");
        slow.QueuedBytes.ShouldBeLessThanOrEqualTo(16 * 1024);
        _logs.Lines.ShouldContain(l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains("viewer 1 (slow) dropped", StringComparison.Ordinal));
        fast.EndReason.ShouldBeNull();
        relay.SubscriberCount.ShouldBe(1);
        var (_, tags) = FlvTestReader.Parse(received.ToArray());
        tags.Skip(3).Select(TestTags.SequenceOf).ShouldBe(Enumerable.Range(0, stream.Count), "the fast viewer got every tag, in order");
        slow.Dispose();
    }

    [Fact]
    public async Task CompletingTheRelayEndsEveryViewerAfterWhatWasQueued()
    {
        var relay = NewRelay();
        PublishHeaders(relay);
        var viewer = relay.Subscribe();
        foreach (var tag in TestTags.Stream(30)) relay.Publish(tag);
        var file = new MemoryStream();
        var copy = viewer.CopyToAsync(file, TestContext.Current.CancellationToken);

        relay.Complete();

        (await copy.WaitAsync(Timeout, TestContext.Current.CancellationToken)).ShouldBe(FlvSubscriptionEnd.PublisherEnded);
        await viewer.Reader.Completion.WaitAsync(Timeout, TestContext.Current.CancellationToken);
        FlvTestReader.Parse(file.ToArray()).Tags.Skip(3).Select(TestTags.SequenceOf).ShouldBe(Enumerable.Range(0, 30));
        relay.IsCompleted.ShouldBeTrue();
        relay.SubscriberCount.ShouldBe(0);
        relay.Publish(TestTags.Keyframe(5000, 99));
        using var afterwards = relay.Subscribe();
        afterwards.EndReason.ShouldBe(FlvSubscriptionEnd.PublisherEnded);
        await afterwards.Reader.Completion.WaitAsync(Timeout, TestContext.Current.CancellationToken);
        afterwards.Reader.TryRead(out _).ShouldBeFalse();
    }

    [Fact]
    public void TheGopCacheIsDroppedWhenItOutgrowsItsBoundAndNewViewersWaitForTheNextKeyframe()
    {
        var relay = NewRelay(gopCacheBytes: 8 * 1024, queueBytes: 64 * 1024);
        PublishHeaders(relay);
        relay.Publish(TestTags.Keyframe(0, 0, size: 2000));
        for (var i = 1; i <= 3; i++) relay.Publish(TestTags.Interframe((uint)(i * 40), i, size: 2000));
        relay.GopCacheBytes.ShouldBeGreaterThan(6000);

        relay.Publish(TestTags.Interframe(160, 4, size: 2000));

        relay.GopCacheBytes.ShouldBe(0);
        _logs.Lines.ShouldContain(l => l.Contains("GOP cache over 8192 bytes dropped", StringComparison.Ordinal));
        using var viewer = relay.Subscribe();
        relay.Publish(TestTags.Interframe(200, 5, size: 2000));
        viewer.Reader.TryRead(out _).ShouldBeFalse("without a cache a new viewer waits for a keyframe");

        relay.Publish(TestTags.Keyframe(240, 6, size: 2000));

        var (_, tags) = FlvTestReader.Parse(FlvTestReader.Drain(viewer));
        tags.Select(TestTags.SequenceOf).ShouldBe([-1, -1, -1, 6]);
        relay.GopCacheBytes.ShouldBeGreaterThan(2000, "a new keyframe starts a new cache");
    }

    [Fact]
    public void ANewAvcSequenceHeaderRestartsTheCacheAtTheNextKeyframe()
    {
        var relay = NewRelay();
        PublishHeaders(relay);
        relay.Publish(TestTags.Keyframe(0, 0));
        relay.Publish(TestTags.Interframe(40, 1));
        relay.Publish(TestTags.AvcHeader(version: 1));
        relay.GopCacheBytes.ShouldBeGreaterThan(0, "the same header again changes nothing");

        relay.Publish(TestTags.AvcHeader(version: 2));
        relay.Publish(TestTags.Interframe(80, 2));
        using var waiting = relay.Subscribe();
        relay.Publish(TestTags.Keyframe(120, 3));

        var (_, tags) = FlvTestReader.Parse(FlvTestReader.Drain(waiting));
        tags[1].Data.Span[5].ShouldBe((byte)2, "the viewer gets the new header");
        tags.Select(TestTags.SequenceOf).ShouldBe([-1, -1, -1, 3]);
    }

    [Fact]
    public async Task DisposingASubscriptionEndsItAndLeavesTheRelay()
    {
        var relay = NewRelay();
        PublishHeaders(relay);
        relay.Publish(TestTags.Keyframe(0, 0));
        var viewer = relay.Subscribe("leaving");
        relay.SubscriberCount.ShouldBe(1);

        viewer.Dispose();
        viewer.Dispose();

        relay.SubscriberCount.ShouldBe(0);
        viewer.EndReason.ShouldBe(FlvSubscriptionEnd.Unsubscribed);
        await viewer.Reader.Completion.WaitAsync(Timeout, TestContext.Current.CancellationToken);
        _logs.Lines.Count(l => l.Contains("(leaving) left", StringComparison.Ordinal)).ShouldBe(1);
        relay.Publish(TestTags.Interframe(40, 1));
    }

    [Fact]
    public void AStreamWithoutVideoStartsAtTheNextAudioTag()
    {
        var relay = NewRelay();
        relay.Publish(TestTags.Metadata());
        relay.Publish(TestTags.AacHeader());
        relay.Publish(TestTags.AudioFrame(0, 0));
        using var viewer = relay.Subscribe();
        relay.Publish(TestTags.AudioFrame(21, 1));

        var (flags, tags) = FlvTestReader.Parse(FlvTestReader.Drain(viewer));

        flags.ShouldBe((byte)4, "audio only");
        tags.Select(t => (t.Type, TestTags.SequenceOf(t))).ShouldBe([(FlvTag.Script, -1), (FlvTag.Audio, -1), (FlvTag.Audio, 1)]);
    }

    [Fact]
    public async Task ViewersComingAndGoingWhileThePublisherRunsEachGetAWellFormedGapFreeStream()
    {
        var relay = NewRelay(gopCacheBytes: 64 * 1024, queueBytes: 4 * 1024 * 1024);
        PublishHeaders(relay);
        var stream = TestTags.Stream(6000, gop: 25).ToList();
        var early = Enumerable.Range(0, 4).Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray();
        var late = Enumerable.Range(0, 4).Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray();
        var half = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var publisher = Task.Run(async () =>
        {
            await Task.WhenAll(early.Select(e => e.Task)).WaitAsync(Timeout);
            for (var i = 0; i < stream.Count; i++)
            {
                relay.Publish(stream[i]);
                if (i == stream.Count / 2) half.SetResult();
            }

            // Late viewers subscribe while the second half is published, or at the latest before the end.
            await Task.WhenAll(late.Select(e => e.Task)).WaitAsync(Timeout);
            relay.Complete();
        });
        var viewers = Enumerable.Range(0, 8).Select(n => Task.Run(async () =>
        {
            var isLate = n % 2 == 1;
            if (isLate) await half.Task.WaitAsync(Timeout);
            using var viewer = relay.Subscribe($"viewer{n}");
            (isLate ? late : early)[n / 2].SetResult();
            var bytes = new MemoryStream();
            using var leave = new CancellationTokenSource();
            if (n % 4 == 3) leave.CancelAfter(TimeSpan.FromMilliseconds(1));
            try
            {
                await viewer.CopyToAsync(bytes, leave.Token).WaitAsync(Timeout);
            }
            catch (OperationCanceledException) when (leave.IsCancellationRequested)
            {
            }

            return bytes.ToArray();
        })).ToArray();

        await publisher.WaitAsync(Timeout, TestContext.Current.CancellationToken);
        var results = await Task.WhenAll(viewers).WaitAsync(Timeout, TestContext.Current.CancellationToken);

        for (var n = 0; n < results.Length; n++)
        {
            if (results[n].Length == 0)
            {
                (n % 4).ShouldBe(3, $"only a viewer that left at once may have nothing (viewer {n})");
                continue;
            }

            var (_, tags) = FlvTestReader.Parse(results[n]);
            tags.Take(3).Select(TestTags.SequenceOf).ShouldBe([-1, -1, -1], $"viewer {n} starts with metadata and codec headers");
            if (tags.Count == 3) continue;
            tags[3].IsKeyframe.ShouldBeTrue($"viewer {n} starts at a keyframe");
            var sequences = tags.Skip(3).Select(TestTags.SequenceOf).ToArray();
            sequences.ShouldBe(Enumerable.Range(sequences[0], sequences.Length), $"viewer {n} got a gap-free run of the publisher's tags");
            if (n % 4 != 3) sequences[^1].ShouldBe(stream.Count - 1, $"viewer {n} got everything to the end");
            if (n % 2 == 0) sequences[0].ShouldBe(0, $"viewer {n} was there from the first keyframe");
        }
    }

    /// <summary>A relay without clock cues: these tests follow the publisher's own tags (FlvClockTagTests has the cues).</summary>
    private FlvRelay NewRelay(int gopCacheBytes = 1024 * 1024, int queueBytes = 2 * 1024 * 1024) =>
        new("room1", new FlvRelayOptions { MaxGopCacheBytes = gopCacheBytes, MaxSubscriberQueueBytes = queueBytes, ClockTags = false }, _loggerFactory.CreateLogger<FlvRelay>());

    private static void PublishHeaders(FlvRelay relay)
    {
        relay.Publish(TestTags.Metadata());
        relay.Publish(TestTags.AvcHeader());
        relay.Publish(TestTags.AacHeader());
    }

    /// <summary>Parses tags that follow a stream's start (no FLV header of their own).</summary>
    private static (byte Flags, List<FlvTag> Tags) ParseContinuation(byte[] bytes) =>
        FlvTestReader.Parse([.. FlvWriter.Header(true, true), .. bytes]);
}
