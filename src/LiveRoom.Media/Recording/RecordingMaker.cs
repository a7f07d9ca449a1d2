using System.Globalization;
using LiveRoom.Media.Live;
using LiveRoom.Media.Transcoding;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LiveRoom.Media.Recording;

/// <summary>
/// Makes a room's recording from its archive: every publishing session's FLV, in order, copied into one
/// faststart MP4, plus a poster frame. Work happens in a scratch folder, so nothing half-made is ever
/// where a reader looks; the caller stores the results and then publishes them.
/// </summary>
public sealed partial class RecordingMaker(LivePaths paths, IOptions<TranscodeOptions> options, ILogger<RecordingMaker> logger)
{
    /// <summary>
    /// Makes the recording of <paramref name="roomId"/> in <paramref name="workDirectory"/>; null when the room
    /// has no archive. <paramref name="progress"/> gets the fraction done (0–1) as ffmpeg reports it.
    /// </summary>
    public async Task<RecordingResult?> MakeAsync(string roomId, string workDirectory, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        var archiveDirectory = paths.ArchiveDirectory(roomId);
        var archives = Directory.Exists(archiveDirectory)
            ? new DirectoryInfo(archiveDirectory).GetFiles("*.flv").Where(f => f.Length > 13).OrderBy(f => f.CreationTimeUtc).ThenBy(f => f.Name).Select(f => f.FullName).ToArray()
            : [];
        if (archives.Length == 0) return null;

        Directory.CreateDirectory(workDirectory);
        var list = Path.Combine(workDirectory, "sessions.txt");
        await File.WriteAllTextAsync(list, RecordingArguments.ConcatList(archives), cancellationToken);
        var expectedSeconds = await ProbeDurationsAsync(archives, cancellationToken);
        var mp4 = Path.Combine(workDirectory, "recording.mp4");
        await RunAsync(RecordingArguments.Mp4(list, mp4), expectedSeconds, progress, cancellationToken);

        var duration = await ProbeDurationAsync(mp4, cancellationToken);
        var poster = Path.Combine(workDirectory, "poster.jpg");
        await RunAsync(RecordingArguments.Poster(mp4, Math.Min(3, duration / 2), poster), 0, null, cancellationToken);
        progress?.Report(1);
        Log.Made(logger, roomId, archives.Length, duration);
        return new RecordingResult(mp4, poster, duration);
    }

    private async Task RunAsync(IReadOnlyList<string> arguments, double expectedSeconds, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        await using var ffmpeg = FfmpegProcess.Start(options.Value.FfmpegPath, arguments, readOutput: progress is not null);
        using var cancel = cancellationToken.Register(ffmpeg.Kill);
        if (progress is not null && ffmpeg.Output is { } output)
        {
            // -progress writes key=value lines; out_time_us is how far it has got.
            while (await output.ReadLineAsync(cancellationToken) is { } line)
            {
                if (expectedSeconds > 0 && line.StartsWith("out_time_us=", StringComparison.Ordinal)
                    && long.TryParse(line.AsSpan(12), NumberStyles.Integer, CultureInfo.InvariantCulture, out var micros))
                {
                    progress.Report(Math.Clamp(micros / 1_000_000.0 / expectedSeconds, 0, 0.99));
                }
            }
        }

        var exit = await ffmpeg.Exited;
        cancellationToken.ThrowIfCancellationRequested();
        if (!exit.Succeeded) throw new InvalidOperationException($"ffmpeg failed ({exit.ExitCode}): {exit.ErrorTail}");
    }

    private async Task<double> ProbeDurationsAsync(IEnumerable<string> files, CancellationToken cancellationToken)
    {
        var total = 0.0;
        foreach (var file in files) total += await ProbeDurationAsync(file, cancellationToken);
        return total;
    }

    private async Task<double> ProbeDurationAsync(string file, CancellationToken cancellationToken)
    {
        var probe = Path.Combine(Path.GetDirectoryName(options.Value.FfmpegPath) ?? string.Empty, "ffprobe");
        if (!Path.IsPathRooted(options.Value.FfmpegPath)) probe = "ffprobe";
        await using var ffprobe = FfmpegProcess.Start(probe, ["-v", "error", "-protocol_whitelist", "file", "-show_entries", "format=duration", "-of", "csv=p=0", file], readOutput: true);
        var text = await ffprobe.Output!.ReadToEndAsync(cancellationToken);
        await ffprobe.Exited;
        return double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) ? seconds : 0;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 7401, Level = LogLevel.Information, Message = "Room {RoomId}: recording made from {Sessions} session(s), {DurationSeconds} s")]
        public static partial void Made(ILogger logger, string roomId, int sessions, double durationSeconds);
    }
}
