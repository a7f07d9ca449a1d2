using LiveRoom.Media.Flv;

namespace LiveRoom.Media.Tests.Flv;

public sealed class FlvWriterTests
{
    [Fact]
    public void ATagIsAnElevenByteHeaderTheBodyAndItsSizeWithTheTimestampsHighByteLast()
    {
        var tag = new FlvTag(FlvTag.Video, 0x12345678, new byte[] { 0x17, 1, 0, 0, 0, 0xAB });

        var bytes = FlvWriter.SerializeTag(tag);

        bytes.ShouldBe(new byte[]
        {
            9, 0, 0, 6, 0x34, 0x56, 0x78, 0x12, 0, 0, 0,
            0x17, 1, 0, 0, 0, 0xAB,
            0, 0, 0, 17,
        });
        FlvWriter.TagLength(6).ShouldBe(bytes.Length);
    }

    [Fact]
    public void TheHeaderCarriesTheAudioAndVideoFlagsAndPreviousTagSizeZero()
    {
        FlvWriter.Header(hasAudio: true, hasVideo: true).ShouldBe(new byte[] { (byte)'F', (byte)'L', (byte)'V', 1, 5, 0, 0, 0, 9, 0, 0, 0, 0 });
        FlvWriter.Header(hasAudio: true, hasVideo: false)[4].ShouldBe((byte)4);
        FlvWriter.Header(hasAudio: false, hasVideo: true)[4].ShouldBe((byte)1);
    }

    [Fact]
    public void ABodyOverTwentyFourBitsIsRefused()
    {
        var tag = new FlvTag(FlvTag.Video, 0, new byte[FlvWriter.MaxDataLength + 1]);

        Should.Throw<ArgumentException>(() => FlvWriter.SerializeTag(tag)).Message.ShouldContain("at most");
    }

    [Fact]
    public async Task TagsReadFromAnFfmpegFileAndWrittenBackGiveTheSameFileAndTheSameProbe()
    {
        var work = Directory.CreateTempSubdirectory("liveroom-flv-");
        try
        {
            var original = Path.Combine(work.FullName, "original.flv");
            var (exit, _, errors) = await MediaTools.RunAsync("ffmpeg", "-hide_banner", "-nostdin", "-v", "error",
                "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25", "-f", "lavfi", "-i", "sine=frequency=1000:sample_rate=48000",
                "-t", "2", "-c:v", "libx264", "-preset", "ultrafast", "-g", "25", "-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", "64k", "-f", "flv", original);
            exit.ShouldBe(0, errors);
            var bytes = await File.ReadAllBytesAsync(original, TestContext.Current.CancellationToken);
            var (flags, tags) = FlvTestReader.Parse(bytes);
            tags.ShouldContain(t => t.Type == FlvTag.Video && t.IsSequenceHeader);
            tags.ShouldContain(t => t.Type == FlvTag.Audio && t.IsSequenceHeader);

            var rewritten = Path.Combine(work.FullName, "rewritten.flv");
            await using (var file = File.Create(rewritten))
            {
                var writer = new FlvWriter(file);
                await writer.WriteHeaderAsync(hasAudio: (flags & 4) != 0, hasVideo: (flags & 1) != 0, TestContext.Current.CancellationToken);
                foreach (var tag in tags) await writer.WriteTagAsync(tag, TestContext.Current.CancellationToken);
            }

            var serialized = FlvWriter.Header((flags & 4) != 0, (flags & 1) != 0).Concat(tags.SelectMany(FlvWriter.SerializeTag)).ToArray();

            (await File.ReadAllBytesAsync(rewritten, TestContext.Current.CancellationToken)).ShouldBe(bytes, "the writer lays out tags exactly as ffmpeg does");
            serialized.ShouldBe(bytes, "the static helpers write the same bytes as the stream writer");
            var probe = await MediaTools.ProbeAsync(rewritten);
            probe.ShouldBe(await MediaTools.ProbeAsync(original));
            probe.ShouldContain("\"codec_name\": \"h264\"");
            probe.ShouldContain("\"codec_name\": \"aac\"");
            await MediaTools.DecodeAsync(rewritten);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }
}
