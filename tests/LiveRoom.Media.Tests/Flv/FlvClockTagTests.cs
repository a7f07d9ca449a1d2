using LiveRoom.Media.Flv;
using LiveRoom.Media.Rtmp;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace LiveRoom.Media.Tests.Flv;

/// <summary>The relay's clock cues: before each keyframe, when that frame reached the server.</summary>
public sealed class FlvClockTagTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 29, 4, 30, 0, TimeSpan.Zero);

    [Fact]
    public void EachKeyframeIsPrecededByACueSayingWhenItArrivedForLateAndLiveViewersAlike()
    {
        var time = new FakeTimeProvider(Start);
        var relay = new FlvRelay("room1", new FlvRelayOptions(), NullLogger<FlvRelay>.Instance, time);
        relay.Publish(TestTags.Metadata());
        relay.Publish(TestTags.AvcHeader());
        relay.Publish(TestTags.AacHeader());
        var arrivals = new Dictionary<uint, DateTimeOffset>();
        foreach (var tag in TestTags.Stream(25, gop: 10))
        {
            // The publisher stalls for 3 s before its third keyframe: arrival times say so, timestamps do not.
            if (tag.IsKeyframe && tag.Timestamp > 700) time.Advance(TimeSpan.FromSeconds(3));
            if (tag.IsKeyframe) arrivals[tag.Timestamp] = time.GetUtcNow();
            relay.Publish(tag);
            time.Advance(TimeSpan.FromMilliseconds(20));
        }

        using var late = relay.Subscribe("late");
        var (_, tags) = FlvTestReader.Parse(FlvTestReader.Drain(late));

        tags.Take(3).Select(TestTags.SequenceOf).ShouldBe([-1, -1, -1], "the prelude comes first, as before");
        var cue = Cue(tags[3]);
        tags[4].IsKeyframe.ShouldBeTrue("the cue stands just before the keyframe it dates");
        cue.Timestamp.ShouldBe(tags[4].Timestamp);
        cue.ServerTime.ShouldBe(arrivals[tags[4].Timestamp].ToUnixTimeMilliseconds());
        tags[3].Timestamp.ShouldBe(tags[4].Timestamp, "the stream keeps moving forward");

        using var live = relay.Subscribe("live");
        FlvTestReader.Drain(live);
        time.Advance(TimeSpan.FromSeconds(1));
        var next = TestTags.Keyframe(5000, 100);
        relay.Publish(next);
        var (_, more) = FlvTestReader.Parse([.. FlvWriter.Header(true, true), .. FlvTestReader.Drain(live)]);
        more.Count.ShouldBe(2);
        Cue(more[0]).ShouldBe((5000u, time.GetUtcNow().ToUnixTimeMilliseconds()));
        more[1].IsKeyframe.ShouldBeTrue();
    }

    [Fact]
    public void TheCuesCanBeTurnedOff()
    {
        var relay = new FlvRelay("room1", new FlvRelayOptions { ClockTags = false }, NullLogger<FlvRelay>.Instance);
        relay.Publish(TestTags.AvcHeader());
        foreach (var tag in TestTags.Stream(12, gop: 10)) relay.Publish(tag);
        using var viewer = relay.Subscribe();
        FlvTestReader.Parse(FlvTestReader.Drain(viewer)).Tags.ShouldNotContain(t => t.Type == FlvTag.Script);
    }

    private static (uint Timestamp, long ServerTime) Cue(FlvTag tag)
    {
        tag.Type.ShouldBe(FlvTag.Script);
        var values = Amf0.ReadAll(tag.Data.Span);
        values[0].ShouldBe(FlvClockTag.Name);
        var properties = values[1].ShouldBeAssignableTo<IReadOnlyDictionary<string, object?>>()!;
        return ((uint)(double)properties["timestamp"]!, (long)(double)properties["serverTime"]!);
    }
}
