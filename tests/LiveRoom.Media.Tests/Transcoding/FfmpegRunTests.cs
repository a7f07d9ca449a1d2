using System.Diagnostics;
using LiveRoom.Media.Transcoding;

namespace LiveRoom.Media.Tests.Transcoding;

/// <summary>ffmpeg run through FFMpegCore, fed through its pipe, with the real binary.</summary>
public sealed class FfmpegRunTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("liveroom-run-");
    private string _clip = string.Empty;

    public async ValueTask InitializeAsync()
    {
        // Four seconds of 320x240 test pattern with a tone, as FLV: what the ingest hands the transcoder.
        _clip = Path.Combine(_work.FullName, "clip.flv");
        await using var maker = FfmpegRun.Start("ffmpeg", new FfmpegCommand(
            ["-hide_banner", "-loglevel", "error", "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25", "-f", "lavfi"],
            "sine=frequency=440:sample_rate=48000",
            ["-t", "4", "-c:v", "libx264", "-preset", "ultrafast", "-g", "25", "-pix_fmt", "yuv420p", "-c:a", "aac", "-f", "flv"],
            _clip));
        (await maker.Exited.WaitAsync(Timeout)).ExitCode.ShouldBe(0, maker.ErrorTail());
    }

    public ValueTask DisposeAsync()
    {
        _work.Delete(recursive: true);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task WhatIsWrittenReachesFfmpegThroughThePipeAndStoppingFinishesTheOutput()
    {
        var output = Path.Combine(_work.FullName, "copy.mp4");
        await using var ffmpeg = FfmpegRun.Start("ffmpeg", Remux(output));

        ffmpeg.TryWrite(await File.ReadAllBytesAsync(_clip)).ShouldBeTrue();
        await ffmpeg.StopAsync(Timeout).WaitAsync(Timeout);

        var exit = await ffmpeg.Exited.WaitAsync(Timeout);
        exit.Succeeded.ShouldBeTrue(exit.ErrorTail);
        ffmpeg.ProcessId.ShouldNotBeNull("the process at the other end of the pipe is known");
        var duration = await ProbeSecondsAsync(output);
        duration.ShouldBe(4, 0.2);
    }

    [Fact]
    public async Task AnFfmpegThatFallsBehindHasItsWritesRefusedInsteadOfWaitedFor()
    {
        // -re makes ffmpeg read at the clip's own pace: four seconds for the lot, far behind our writes.
        var command = Remux(Path.Combine(_work.FullName, "slow.mp4")) with { InputOptions = ["-re", .. Remux("x").InputOptions] };
        await using var ffmpeg = FfmpegRun.Start("ffmpeg", command, new FfmpegRunOptions { InputQueueBytes = 64 * 1024 });
        var bytes = await File.ReadAllBytesAsync(_clip);

        var clock = Stopwatch.StartNew();
        var accepted = 0;
        for (var offset = 0; offset < bytes.Length; offset += 4096)
        {
            if (!ffmpeg.TryWrite(bytes.AsMemory(offset, Math.Min(4096, bytes.Length - offset)))) break;
            accepted += 4096;
        }

        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(1), "writing never waits for ffmpeg");
        accepted.ShouldBeLessThan(bytes.Length, "the queue filled up");
        ffmpeg.QueuedBytes.ShouldBeLessThanOrEqualTo(64 * 1024);
    }

    [Fact]
    public async Task KillingARunEndsFfmpegAndReportsAFailure()
    {
        await using var ffmpeg = FfmpegRun.Start("ffmpeg", Remux(Path.Combine(_work.FullName, "killed.mp4")));
        ffmpeg.TryWrite((await File.ReadAllBytesAsync(_clip)).AsMemory(0, 9 + 4 + 1024)).ShouldBeTrue();
        while (ffmpeg.ProcessId is null) await Task.Delay(20).WaitAsync(Timeout);
        var pid = ffmpeg.ProcessId.Value;

        ffmpeg.Kill();

        (await ffmpeg.Exited.WaitAsync(Timeout)).Succeeded.ShouldBeFalse();
        // The exit is reported once the process is reaped; on a busy machine the id can linger a moment longer.
        var gone = Stopwatch.StartNew();
        while (IsRunning(pid) && gone.Elapsed < TimeSpan.FromSeconds(5)) await Task.Delay(50).WaitAsync(Timeout);
        IsRunning(pid).ShouldBeFalse("the process is gone");
    }

    [Fact]
    public async Task AnFfmpegThatCannotStartReportsWhy()
    {
        await using var ffmpeg = FfmpegRun.Start("ffmpeg", Remux(Path.Combine(_work.FullName, "bad.mp4")) with { OutputOptions = ["-c", "no-such-codec"] });
        ffmpeg.TryWrite(await File.ReadAllBytesAsync(_clip));
        await ffmpeg.StopAsync(Timeout).WaitAsync(Timeout);

        var exit = await ffmpeg.Exited.WaitAsync(Timeout);
        exit.Succeeded.ShouldBeFalse();
        exit.ErrorTail.ShouldContain("no-such-codec");
    }

    private static FfmpegCommand Remux(string output) => new(
        ["-hide_banner", "-nostats", "-loglevel", "error", "-protocol_whitelist", "unix", "-f", "flv"],
        FfmpegCommand.PipedInput,
        ["-c", "copy", "-f", "mp4"],
        output);

    private static async Task<double> ProbeSecondsAsync(string file)
    {
        var analysis = await FFMpegCore.FFProbe.AnalyseAsync(file).WaitAsync(Timeout);
        return analysis.Duration.TotalSeconds;
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
