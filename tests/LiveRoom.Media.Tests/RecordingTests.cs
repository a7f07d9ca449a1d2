using System.Buffers.Binary;
using System.Diagnostics;
using LiveRoom.Contracts.Recordings;
using LiveRoom.Contracts.Rooms;
using LiveRoom.Media.Flv;
using LiveRoom.Media.Live;
using LiveRoom.Media.Recording;
using LiveRoom.Media.Transcoding;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace LiveRoom.Media.Tests;

public sealed class RecordingTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task TheArchivedSessionsBecomeOneFaststartMp4AndAPoster()
    {
        var data = Directory.CreateTempSubdirectory("liveroom-recording-");
        try
        {
            var paths = new LivePaths(data.FullName);
            var roomId = RoomIds.NewRoomId();
            var archive = Directory.CreateDirectory(paths.ArchiveDirectory(roomId)).FullName;
            await MakeFlvAsync(Path.Combine(archive, "first.flv"), seconds: 2);
            await MakeFlvAsync(Path.Combine(archive, "second.flv"), seconds: 3);
            var maker = new RecordingMaker(paths, Options.Create(new TranscodeOptions()), NullLogger<RecordingMaker>.Instance);
            var reports = new List<double>();

            var result = await maker.MakeAsync(roomId, Path.Combine(data.FullName, "work"), new SynchronousProgress(reports.Add), CancellationToken.None).WaitAsync(Timeout);

            result.ShouldNotBeNull();
            result.DurationSeconds.ShouldBe(5, 0.3);
            result.Segments.Select(s => s.DurationSeconds).ShouldBe([2, 3], tolerance: 0.3, "older archive names: in the order they were created");
            result.Segments[0].OffsetSeconds.ShouldBe(0);
            result.Segments[1].OffsetSeconds.ShouldBe(result.Segments[0].DurationSeconds, 0.001);
            MoovComesBeforeMdat(result.Mp4Path).ShouldBeTrue("faststart puts the index first");
            (await ProbeAsync(result.Mp4Path, "stream=codec_name")).ShouldContain("h264");
            (await ProbeAsync(result.Mp4Path, "stream=codec_name")).ShouldContain("aac");
            result.PosterPath.ShouldNotBeNull();
            var poster = await File.ReadAllBytesAsync(result.PosterPath);
            poster.AsSpan(0, 2).ToArray().ShouldBe(new byte[] { 0xFF, 0xD8 }, "a JPEG");
            (await ProbeAsync(result.PosterPath, "stream=width")).Trim().ShouldBe("640");
            reports.ShouldNotBeEmpty();
            reports[^1].ShouldBe(1);
            reports.ShouldBe(reports.Order().ToList(), "progress only moves forward");
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task ARoomWithoutAnArchiveHasNoRecording()
    {
        var data = Directory.CreateTempSubdirectory("liveroom-recording-");
        try
        {
            var maker = new RecordingMaker(new LivePaths(data.FullName), Options.Create(new TranscodeOptions()), NullLogger<RecordingMaker>.Instance);

            (await maker.MakeAsync(RoomIds.NewRoomId(), Path.Combine(data.FullName, "work"), null, CancellationToken.None)).ShouldBeNull();
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task ASessionThatEndedBeforeItsFirstFrameAddsNothingAndAloneMakesNoRecording()
    {
        var data = Directory.CreateTempSubdirectory("liveroom-recording-");
        try
        {
            var paths = new LivePaths(data.FullName);
            var roomId = RoomIds.NewRoomId();
            var start = new DateTimeOffset(2026, 11, 22, 15, 0, 0, TimeSpan.Zero);
            var archive = Directory.CreateDirectory(paths.ArchiveDirectory(roomId)).FullName;
            // What the ingest archives of a publisher that leaves after its codec configuration: no frame.
            await File.WriteAllBytesAsync(paths.ArchiveFile(roomId, "gone-at-once", start), [
                .. FlvWriter.Header(hasAudio: true, hasVideo: true),
                .. FlvWriter.SerializeTag(new FlvTag(FlvTag.Script, 0, (byte[])[2, 0, 10, .. "onMetaData"u8, 5])),
                .. FlvWriter.SerializeTag(new FlvTag(FlvTag.Video, 0, new byte[] { 0x17, 0, 0, 0, 0, 1, 0x64, 0, 0x1F, 0xFF })),
                .. FlvWriter.SerializeTag(new FlvTag(FlvTag.Audio, 0, new byte[] { 0xAF, 0, 0x11, 0x90 }))]);
            var maker = new RecordingMaker(paths, Options.Create(new TranscodeOptions()), NullLogger<RecordingMaker>.Instance);

            (await maker.MakeAsync(roomId, Path.Combine(data.FullName, "work"), null, CancellationToken.None).WaitAsync(Timeout)).ShouldBeNull("nothing to record, and no point trying again");

            await MakeFlvAsync(paths.ArchiveFile(roomId, "back", start.AddSeconds(5)), seconds: 1);
            var result = await maker.MakeAsync(roomId, Path.Combine(data.FullName, "work2"), null, CancellationToken.None).WaitAsync(Timeout);
            result.ShouldNotBeNull();
            result.Segments.ShouldHaveSingleItem().StartedAt.ShouldBe(start.AddSeconds(5));
            result.DurationSeconds.ShouldBe(1, 0.3);
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task AFractionOfASecondIsRecordedAndSoundAloneIsRecordedWithoutAPoster()
    {
        var data = Directory.CreateTempSubdirectory("liveroom-recording-");
        try
        {
            var paths = new LivePaths(data.FullName);
            var maker = new RecordingMaker(paths, Options.Create(new TranscodeOptions()), NullLogger<RecordingMaker>.Instance);
            var shortRoom = RoomIds.NewRoomId();
            await MakeFlvAsync(Path.Combine(Directory.CreateDirectory(paths.ArchiveDirectory(shortRoom)).FullName, "short.flv"), seconds: 0.04);
            var soundRoom = RoomIds.NewRoomId();
            await RunAsync("ffmpeg", ["-hide_banner", "-loglevel", "error", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000", "-t", "1", "-c:a", "aac", "-f", "flv",
                Path.Combine(Directory.CreateDirectory(paths.ArchiveDirectory(soundRoom)).FullName, "sound.flv")]);

            var fraction = await maker.MakeAsync(shortRoom, Path.Combine(data.FullName, "work-short"), null, CancellationToken.None).WaitAsync(Timeout);
            var sound = await maker.MakeAsync(soundRoom, Path.Combine(data.FullName, "work-sound"), null, CancellationToken.None).WaitAsync(Timeout);

            fraction.ShouldNotBeNull();
            fraction.DurationSeconds.ShouldBeInRange(0.01, 0.5);
            fraction.PosterPath.ShouldNotBeNull("its first frame makes the poster");
            File.Exists(fraction.PosterPath).ShouldBeTrue();
            sound.ShouldNotBeNull();
            sound.DurationSeconds.ShouldBe(1, 0.3);
            sound.PosterPath.ShouldBeNull();
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }

    [Fact]
    public void SegmentsLieEndToEndAndKeepWhenEachSessionWentLive()
    {
        var first = new DateTimeOffset(2026, 11, 22, 15, 0, 0, TimeSpan.Zero);
        var second = first.AddSeconds(40);

        var segments = RecordingMaker.Segments([first, second, second.AddSeconds(30)], [12.3456, 20, 0]);

        segments.ShouldBe([
            new RecordingSegment(first, 0, 12.346),
            new RecordingSegment(second, 12.346, 20),
            new RecordingSegment(second.AddSeconds(30), 32.346, 0),
        ]);
    }

    [Fact]
    public void AnArchiveIsNamedByItsUtcStartAndOlderNamesHaveNone()
    {
        var paths = new LivePaths("/data");
        var start = new DateTimeOffset(2026, 11, 22, 23, 4, 5, 678, TimeSpan.FromHours(8));

        var file = paths.ArchiveFile("room1", "0123abcd", start);

        Path.GetFileName(file).ShouldBe("20261122T150405678Z-0123abcd.flv");
        Path.GetDirectoryName(file).ShouldBe(paths.ArchiveDirectory("room1"));
        LivePaths.ArchiveStart(file).ShouldBe(start);
        LivePaths.ArchiveStart("0123456789abcdef0123456789abcdef.flv").ShouldBeNull();
        LivePaths.ArchiveStart("20261322T150405678Z-0123abcd.flv").ShouldBeNull("month 13");
    }

    [Fact]
    public void TheRecordingCommandsReadOnlyFilesAndTheListEscapesQuotes()
    {
        var mp4 = RecordingArguments.Mp4("/data/work/sessions.txt", "/data/work/recording.mp4");
        var poster = RecordingArguments.Poster("/data/work/recording.mp4", 2.5, "/data/work/poster.jpg");

        string.Join(' ', mp4.Arguments).ShouldContain("-protocol_whitelist file -f concat -safe 0 -i /data/work/sessions.txt");
        string.Join(' ', mp4.Arguments).ShouldContain("-c copy -movflags +faststart");
        string.Join(' ', poster.Arguments).ShouldContain("-ss 2.5 -i /data/work/recording.mp4 -frames:v 1");
        RecordingArguments.ConcatList(["/a/it's.flv", "/b/plain.flv"]).ShouldBe("file '/a/it'\\''s.flv'\nfile '/b/plain.flv'\n");
    }

    private static bool MoovComesBeforeMdat(string mp4)
    {
        var bytes = File.ReadAllBytes(mp4);
        long offset = 0, moov = -1, mdat = -1;
        while (offset + 8 <= bytes.Length)
        {
            var size = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan((int)offset));
            var type = System.Text.Encoding.ASCII.GetString(bytes, (int)offset + 4, 4);
            if (type == "moov") moov = offset;
            if (type == "mdat") mdat = offset;
            if (size < 8) break;
            offset += size;
        }

        return moov >= 0 && mdat >= 0 && moov < mdat;
    }

    private static Task MakeFlvAsync(string path, double seconds) => RunAsync("ffmpeg",
        ["-hide_banner", "-loglevel", "error", "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000",
         "-t", seconds.ToString(System.Globalization.CultureInfo.InvariantCulture), "-c:v", "libx264", "-preset", "ultrafast", "-g", "50", "-pix_fmt", "yuv420p", "-c:a", "aac", "-f", "flv", path]);

    private static Task<string> ProbeAsync(string file, string entries) => RunAsync("ffprobe", ["-v", "error", "-show_entries", entries, "-of", "csv=p=0", file]);

    private static async Task<string> RunAsync(string program, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(Timeout);
        process.ExitCode.ShouldBe(0, await errors);
        return await output;
    }

    /// <summary>Reports on the caller's thread, in order (Progress&lt;T&gt; posts to the thread pool).</summary>
    private sealed class SynchronousProgress(Action<double> report) : IProgress<double>
    {
        public void Report(double value) => report(value);
    }
}
