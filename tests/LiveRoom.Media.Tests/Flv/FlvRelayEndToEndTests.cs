using LiveRoom.Contracts.Rooms;
using LiveRoom.Media.Flv;

namespace LiveRoom.Media.Tests.Flv;

public sealed class FlvRelayEndToEndTests(RelayServerFixture fixture) : IClassFixture<RelayServerFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task ViewersOfAnFfmpegRtmpPublishGetFlvThatFfprobeAndFfmpegDecode()
    {
        var cancellation = TestContext.Current.CancellationToken;
        var roomId = RoomIds.NewRoomId();
        var key = RoomIds.NewStreamKey(roomId);
        fixture.Gate.Allow(roomId, key);
        var session = fixture.Gate.SessionOf(roomId);
        var work = Directory.CreateTempSubdirectory("liveroom-flv-relay-");
        try
        {
            var publish = Ffmpeg.PublishAsync($"rtmp://127.0.0.1:{fixture.Port}/live/{key}", 3, Timeout);

            // A viewer from the start (it waits for the first keyframe) and one that joins at the second keyframe.
            await session.Admitted.WaitAsync(Timeout, cancellation);
            fixture.Gate.Registry.TryGet(roomId, out var relay).ShouldBeTrue("the relay exists once the publish is admitted");
            var early = WatchAsync(relay!, Path.Combine(work.FullName, "early.flv"), cancellation);
            var secondKeyframe = await session.SecondKeyframe.WaitAsync(Timeout, cancellation);
            var late = WatchAsync(relay!, Path.Combine(work.FullName, "late.flv"), cancellation);

            var (exit, errors) = await publish;
            exit.ShouldBe(0, errors);
            (await early.WaitAsync(Timeout, cancellation)).ShouldBe(FlvSubscriptionEnd.PublisherEnded);
            (await late.WaitAsync(Timeout, cancellation)).ShouldBe(FlvSubscriptionEnd.PublisherEnded);
            fixture.Gate.Registry.TryGet(roomId, out _).ShouldBeFalse("the relay is removed when the publish ends");

            foreach (var (name, firstKeyframe) in new[] { ("early.flv", session.Keyframes.First()), ("late.flv", secondKeyframe) })
            {
                var file = Path.Combine(work.FullName, name);
                var (flags, tags) = FlvTestReader.Parse(await File.ReadAllBytesAsync(file, cancellation));
                flags.ShouldBe((byte)5, $"{name}: audio and video");
                System.Text.Encoding.ASCII.GetString(tags[0].Data.Span).ShouldContain("onMetaData", customMessage: name);
                tags[1].ShouldSatisfyAllConditions(name, t => t.Type.ShouldBe(FlvTag.Video), t => t.IsSequenceHeader.ShouldBeTrue());
                tags[2].ShouldSatisfyAllConditions(name, t => t.Type.ShouldBe(FlvTag.Audio), t => t.IsSequenceHeader.ShouldBeTrue());
                var firstFrame = tags.Skip(3).First(t => t.Type == FlvTag.Video);
                firstFrame.ShouldSatisfyAllConditions(name, t => t.IsKeyframe.ShouldBeTrue(), t => t.IsSequenceHeader.ShouldBeFalse(), t => t.Timestamp.ShouldBe(firstKeyframe));
                tags.Take(3).ShouldAllBe(t => t.Timestamp == firstKeyframe, $"{name}: the prefix carries the first keyframe's time");
                tags.Where(t => t.Type == FlvTag.Video).Max(t => t.Timestamp).ShouldBeInRange(2800u, 3100u, $"{name}: the stream runs to the publisher's end");

                var probe = await MediaTools.ProbeAsync(file);
                probe.ShouldContain("\"codec_name\": \"h264\"", customMessage: name);
                probe.ShouldContain("\"codec_name\": \"aac\"", customMessage: name);
                probe.ShouldContain("\"width\": 320", customMessage: name);
                await MediaTools.DecodeAsync(file);
            }

            (secondKeyframe - session.Keyframes.First()).ShouldBe(1000u, "a keyframe a second at 25 fps with -g 25");
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static async Task<FlvSubscriptionEnd> WatchAsync(FlvRelay relay, string path, CancellationToken cancellationToken)
    {
        using var viewer = relay.Subscribe(Path.GetFileName(path));
        await using var file = File.Create(path);
        return await viewer.CopyToAsync(file, cancellationToken);
    }
}
