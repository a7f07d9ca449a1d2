using System.Diagnostics;
using System.Globalization;
using LiveRoom.Media.Recording;
using LiveRoom.Media.Transcoding;
using LiveRoom.Shared;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace LiveRoom.MediaBench;

/// <summary>
/// <c>LiveRoom.MediaBench call-recording</c>: the work of a call's recording job on a call of a given length,
/// measured on its own. A WebM like a browser's MediaRecorder makes (VP8 + Opus, 640x360, written as a stream)
/// is cut into chunks of a few seconds' worth of bytes, as the recording agent uploads them; then the job's
/// steps run as the job runs them: the chunks joined into the take, and the take made into the MP4 by
/// <see cref="CallRecordingMaker"/>. Prints the wall time and the CPU seconds (this process and its ffmpeg
/// children) of those steps only; making the source is not counted.
/// </summary>
internal static class CallRecordingBench
{
    public const string Mode = "call-recording";

    public const string Usage = """
        Usage: LiveRoom.MediaBench call-recording [options]

        Measures a call recording job: a WebM of the given length (VP8 + Opus, 640x360, as a browser records),
        cut into chunks as uploaded, joined and made into the H.264/AAC MP4 as the job does. Prints wall time
        and CPU seconds (this process and its ffmpeg children) of the job's steps.

          --seconds S          length of the call (default 300)
          --chunk-seconds S    seconds of recording per uploaded chunk (default 3)
          --video-kbps N       the recorder's video bitrate (default 1500)
          --ffmpeg PATH        ffmpeg to run (default: ffmpeg on the PATH; ffprobe beside it)
          --work-dir DIR       where the source and chunks are kept (default $TMPDIR/liveroom-call-recording-bench);
                               a source of the same length and bitrate is reused
        """;

    public static async Task<int> MainAsync(IReadOnlyList<string> args)
    {
        double seconds = 300, chunkSeconds = 3;
        int videoKbps = 1500;
        string ffmpeg = "ffmpeg", work = Path.Combine(Path.GetTempPath(), "liveroom-call-recording-bench");
        bool help = false;
        string? error = null;
        try
        {
            var reader = new OptionReader(args);
            while (reader.MoveNext())
            {
                switch (reader.Name)
                {
                    case "--seconds": seconds = double.Parse(reader.Value(), CultureInfo.InvariantCulture); break;
                    case "--chunk-seconds": chunkSeconds = double.Parse(reader.Value(), CultureInfo.InvariantCulture); break;
                    case "--video-kbps": videoKbps = int.Parse(reader.Value(), CultureInfo.InvariantCulture); break;
                    case "--ffmpeg": ffmpeg = reader.Value(); break;
                    case "--work-dir": work = reader.Value(); break;
                    case "--help" or "-h": help = true; break;
                    default: throw new FormatException($"Unknown option {reader.Name}.");
                }
            }

            if (seconds <= 0 || chunkSeconds <= 0 || videoKbps <= 0) throw new FormatException("--seconds, --chunk-seconds and --video-kbps must be positive.");
        }
        catch (FormatException e)
        {
            error = e.Message;
        }

        if (await ToolMain.AnswerArgumentsAsync(Usage, help, error) is { } answered) return answered;
        return await ToolMain.RunAsync(
            TimeSpan.FromSeconds(600 + (seconds * 10)),
            cancellationToken => RunAsync(seconds, chunkSeconds, videoKbps, ffmpeg, work, cancellationToken),
            ex => ex is InvalidOperationException or IOException or System.ComponentModel.Win32Exception);
    }

    private static async Task<int> RunAsync(double seconds, double chunkSeconds, int videoKbps, string ffmpeg, string work, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(work);
        var source = Path.Combine(work, string.Create(CultureInfo.InvariantCulture, $"source-{seconds}s-{videoKbps}k.webm"));
        if (!File.Exists(source))
        {
            await Console.Error.WriteLineAsync($"making a {seconds} s source (not measured)...");
            await MakeSourceAsync(ffmpeg, seconds, videoKbps, source, cancellationToken);
        }

        var chunks = Path.Combine(work, "chunks");
        if (Directory.Exists(chunks)) Directory.Delete(chunks, recursive: true);
        Directory.CreateDirectory(chunks);
        var bytes = await File.ReadAllBytesAsync(source, cancellationToken);
        var chunkBytes = (int)Math.Max(1, bytes.Length / Math.Max(1, Math.Round(seconds / chunkSeconds)));
        var chunkFiles = new List<string>();
        foreach (var (chunk, seq) in bytes.Chunk(chunkBytes).Select((c, i) => (c, i)))
        {
            var file = Path.Combine(chunks, seq.ToString("D6", CultureInfo.InvariantCulture) + ".webm");
            await File.WriteAllBytesAsync(file, chunk, cancellationToken);
            chunkFiles.Add(file);
        }

        var job = Path.Combine(work, "job");
        if (Directory.Exists(job)) Directory.Delete(job, recursive: true);
        Directory.CreateDirectory(job);
        var maker = new CallRecordingMaker(Options.Create(new TranscodeOptions { FfmpegPath = ffmpeg }), NullLogger<CallRecordingMaker>.Instance);
        var cpuBefore = CpuTicks();
        var wall = Stopwatch.StartNew();

        // The job's steps: the take's chunks joined in order, then the MP4.
        var take = Path.Combine(job, "take-1.webm");
        await using (var joined = File.Create(take))
        {
            foreach (var file in chunkFiles)
            {
                await using var chunk = File.OpenRead(file);
                await chunk.CopyToAsync(joined, cancellationToken);
            }
        }

        var result = await maker.MakeAsync("bench", [new CallTakeFile(1, take)], job, null, cancellationToken)
            ?? throw new InvalidOperationException("The source made no recording.");
        wall.Stop();
        var cpu = (CpuTicks() - cpuBefore) / ProcFs.TicksPerSecond;

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
            call recording job: {seconds:0.#} s call, {chunkFiles.Count} chunks of {chunkBytes / 1024.0:0} KiB ({bytes.Length / 1048576.0:0.0} MiB, VP8 {videoKbps} kb/s + Opus, 640x360)
              MP4: {result.DurationSeconds:0.00} s, {new FileInfo(result.Mp4Path).Length / 1048576.0:0.0} MiB (H.264 veryfast + AAC)
              wall time: {wall.Elapsed.TotalSeconds:0.0} s ({seconds / wall.Elapsed.TotalSeconds:0.0}x real time)
              CPU: {cpu:0.0} s (this process and ffmpeg), {cpu / seconds:0.00} CPU-seconds per second of call
            """));
        Directory.Delete(job, recursive: true);
        return 0;
    }

    /// <summary>User + system CPU ticks of this process and of its children that have exited (ffmpeg), from /proc/self/stat.</summary>
    private static long CpuTicks()
    {
        var text = File.ReadAllText("/proc/self/stat");
        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        // fields[0] is field 3; utime, stime, cutime, cstime are fields 14–17.
        return fields.Skip(11).Take(4).Sum(f => long.Parse(f, CultureInfo.InvariantCulture));
    }

    private static async Task MakeSourceAsync(string ffmpeg, double seconds, int videoKbps, string output, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(ffmpeg) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[]
        {
            "-hide_banner", "-loglevel", "error", "-f", "lavfi", "-i", "testsrc2=size=640x360:rate=30", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000",
            "-t", seconds.ToString(CultureInfo.InvariantCulture), "-vf", "noise=alls=12:allf=t",
            "-c:v", "libvpx", "-deadline", "realtime", "-cpu-used", "8", "-b:v", videoKbps.ToString(CultureInfo.InvariantCulture) + "k", "-g", "90",
            "-c:a", "libopus", "-b:a", "64k", "-f", "webm", "pipe:1",
        })
        {
            start.ArgumentList.Add(argument);
        }

        // Written to a pipe, as a recorder writes it: no index, no length in the header.
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {ffmpeg}.");
        using var kill = cancellationToken.Register(() => process.Kill(entireProcessTree: true));
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await using (var file = File.Create(output + ".part")) await process.StandardOutput.BaseStream.CopyToAsync(file, cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0) throw new InvalidOperationException($"ffmpeg could not make the source: {await error}");
        File.Move(output + ".part", output, overwrite: true);
    }
}
