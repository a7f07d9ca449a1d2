using LiveRoom.Media.Recording;

namespace LiveRoom.Media.Tests;

/// <summary>The ffmpeg command lines of a call's recording, checked against golden files without running ffmpeg.</summary>
public sealed class CallRecordingArgumentsTests
{
    [Fact]
    public void TheJoinOfTwoTakesMatchesItsGoldenFile()
    {
        var takes = new[]
        {
            new CallTakeSource("/data/work/job_1/take-1.mkv", 4.02, HasVideo: true, HasAudio: true),
            new CallTakeSource("/data/work/job_1/take-2.mkv", 3.5, HasVideo: true, HasAudio: true),
        };

        var args = CallRecordingArguments.Mp4(takes, 640, 360, "/data/work/job_1/recording.mp4").Arguments;

        var golden = Path.Combine(AppContext.BaseDirectory, "Golden", "call-recording-two-takes.txt");
        args.ShouldBe(File.ReadAllLines(golden), $"update {golden} if the change is intended");
    }

    [Fact]
    public void ATakeWithoutPictureOrSoundGetsBlackOrSilenceAsLongAsTheTake()
    {
        var takes = new[]
        {
            new CallTakeSource("/w/take-1.mkv", 2.5, HasVideo: false, HasAudio: true),
            new CallTakeSource("/w/take-2.mkv", 1.25, HasVideo: true, HasAudio: false),
        };

        var graph = CallRecordingArguments.Mp4(takes, 1280, 720, "/w/recording.mp4").Arguments.SkipWhile(a => a != "-filter_complex").ElementAt(1);

        graph.ShouldContain("color=c=black:s=1280x720:r=30:d=2.5,format=yuv420p[v0];");
        graph.ShouldContain("anullsrc=r=48000:cl=stereo,atrim=duration=1.25,aformat=sample_fmts=fltp[a1];");
        graph.ShouldEndWith("[v0][a0][v1][a1]concat=n=2:v=1:a=1[v][a]");
    }

    [Fact]
    public void ATakeIsCopiedAsItCameAndAnOddPictureSizeIsRefused()
    {
        string.Join(' ', CallRecordingArguments.Take("/w/take-1.webm", "/w/take-1.mkv").Arguments)
            .ShouldBe("-hide_banner -nostats -loglevel error -y -protocol_whitelist file -f matroska,webm -i /w/take-1.webm -map 0:v:0? -map 0:a:0? -c copy -f matroska /w/take-1.mkv");
        Should.Throw<ArgumentOutOfRangeException>(() => CallRecordingArguments.Mp4([new CallTakeSource("/w/a.mkv", 1, true, true)], 641, 360, "/w/r.mp4"));
    }
}
