using System.Globalization;
using FFMpegCore;
using LiveRoom.Contracts.Recordings;
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
        var archives = ArchivedSessions(roomId);
        if (archives.Count == 0) return null;

        Directory.CreateDirectory(workDirectory);
        var list = Path.Combine(workDirectory, "sessions.txt");
        await File.WriteAllTextAsync(list, RecordingArguments.ConcatList(archives.Select(a => a.Path)), cancellationToken);
        var durations = await ProbeDurationsAsync(archives.Select(a => a.Path), cancellationToken);
        var expectedSeconds = durations.Sum();
        var mp4 = Path.Combine(workDirectory, "recording.mp4");
        await RunAsync(RecordingArguments.Mp4(list, mp4), expectedSeconds, progress, cancellationToken);

        var duration = await ProbeDurationAsync(mp4, cancellationToken);
        var poster = await MakePosterAsync(roomId, mp4, duration, workDirectory, cancellationToken);
        progress?.Report(1);
        Log.Made(logger, roomId, archives.Count, duration);
        return new RecordingResult(mp4, poster, duration, Segments(archives.Select(a => a.StartedAt), durations));
    }

    /// <summary>
    /// Where each session lies in the recording: the concat demuxer lays them end to end, so a session begins
    /// where the ones before it add up to; a gap between sessions is not in the video. Rounded to the millisecond.
    /// </summary>
    internal static IReadOnlyList<RecordingSegment> Segments(IEnumerable<DateTimeOffset> starts, IReadOnlyList<double> durations)
    {
        var segments = new List<RecordingSegment>(durations.Count);
        var offset = 0.0;
        foreach (var (startedAt, duration) in starts.Zip(durations))
        {
            segments.Add(new RecordingSegment(startedAt, Math.Round(offset, 3), Math.Round(duration, 3)));
            offset += duration;
        }

        return segments;
    }

    /// <summary>
    /// A poster from the middle of the first seconds; a recording of a fraction of a second may have no frame
    /// there (ffmpeg then writes nothing, and says so only as a warning), so its first frame; none for a
    /// recording without a picture. A missing poster never costs the recording.
    /// </summary>
    private async Task<string?> MakePosterAsync(string roomId, string mp4, double duration, string workDirectory, CancellationToken cancellationToken)
    {
        var poster = Path.Combine(workDirectory, "poster.jpg");
        foreach (var at in new[] { Math.Min(3, duration / 2), 0 }.Distinct())
        {
            try
            {
                await RunAsync(RecordingArguments.Poster(mp4, at, poster), 0, null, cancellationToken);
            }
            catch (InvalidOperationException e)
            {
                Log.PosterFailed(logger, roomId, at, e.Message);
                continue;
            }

            if (File.Exists(poster) && new FileInfo(poster).Length > 0) return poster;
        }

        Log.NoPoster(logger, roomId);
        return null;
    }

    /// <summary>
    /// The room's archived sessions that hold at least one audio or video frame, in the order they were live:
    /// by the start in their names; older archives, named by session only, by when the file was created. A
    /// session that ended before its first frame (only the FLV header and codec configuration) adds nothing
    /// and would make ffmpeg fail, every time.
    /// </summary>
    private List<ArchivedSession> ArchivedSessions(string roomId)
    {
        var directory = paths.ArchiveDirectory(roomId);
        if (!Directory.Exists(directory)) return [];
        return [.. new DirectoryInfo(directory).GetFiles("*.flv")
            .Where(f => f.Length > 13 && HasFrames(roomId, f))
            .Select(f => new ArchivedSession(f.FullName, LivePaths.ArchiveStart(f.Name) ?? new DateTimeOffset(f.CreationTimeUtc, TimeSpan.Zero)))
            .OrderBy(a => a.StartedAt)
            .ThenBy(a => a.Path, StringComparer.Ordinal)];
    }

    private bool HasFrames(string roomId, FileInfo archive)
    {
        if (ArchiveContent.HasFrames(archive.FullName)) return true;
        Log.EmptySession(logger, roomId, archive.Name);
        return false;
    }

    private async Task RunAsync(FfmpegCommand command, double expectedSeconds, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        // -progress writes key=value lines to standard output; out_time_us is how far it has got.
        void OnOutput(string line)
        {
            if (progress is not null && expectedSeconds > 0 && line.StartsWith("out_time_us=", StringComparison.Ordinal)
                && long.TryParse(line.AsSpan(12), NumberStyles.Integer, CultureInfo.InvariantCulture, out var micros))
            {
                progress.Report(Math.Clamp(micros / 1_000_000.0 / expectedSeconds, 0, 0.99));
            }
        }

        await using var ffmpeg = FfmpegRun.Start(options.Value.FfmpegPath, command, new FfmpegRunOptions { OnOutputLine = OnOutput });
        using var cancel = cancellationToken.Register(ffmpeg.Kill);
        var exit = await ffmpeg.Exited;
        cancellationToken.ThrowIfCancellationRequested();
        if (!exit.Succeeded) throw new InvalidOperationException($"ffmpeg failed ({exit.ExitCode}): {exit.ErrorTail}");
    }

    private async Task<IReadOnlyList<double>> ProbeDurationsAsync(IEnumerable<string> files, CancellationToken cancellationToken)
    {
        var durations = new List<double>();
        foreach (var file in files) durations.Add(await ProbeDurationAsync(file, cancellationToken));
        return durations;
    }

    private async Task<double> ProbeDurationAsync(string file, CancellationToken cancellationToken)
    {
        // ffprobe (through FFMpegCore) reads only the file named; an unreadable file counts as empty.
        try
        {
            var analysis = await FFProbe.AnalyseAsync(file, FfmpegRun.BinaryOptions(options.Value.FfmpegPath), "-protocol_whitelist file", cancellationToken);
            return Math.Max(0, analysis.Duration.TotalSeconds);
        }
        catch (Exception e) when (e is FFMpegCore.Exceptions.FFMpegException or FormatException or InvalidOperationException or System.Text.Json.JsonException)
        {
            Log.ProbeFailed(logger, file, e.Message);
            return 0;
        }
    }

    private readonly record struct ArchivedSession(string Path, DateTimeOffset StartedAt);

    private static partial class Log
    {
        [LoggerMessage(EventId = 7401, Level = LogLevel.Information, Message = "Room {RoomId}: recording made from {Sessions} session(s), {DurationSeconds} s")]
        public static partial void Made(ILogger logger, string roomId, int sessions, double durationSeconds);

        [LoggerMessage(EventId = 7402, Level = LogLevel.Warning, Message = "Could not read the length of {File}: {Reason}")]
        public static partial void ProbeFailed(ILogger logger, string file, string reason);

        [LoggerMessage(EventId = 7501, Level = LogLevel.Information, Message = "Room {RoomId}: archived session {File} holds no frame; left out of the recording")]
        public static partial void EmptySession(ILogger logger, string roomId, string file);

        [LoggerMessage(EventId = 7502, Level = LogLevel.Information, Message = "Room {RoomId}: no poster at {AtSeconds} s: {Reason}")]
        public static partial void PosterFailed(ILogger logger, string roomId, double atSeconds, string reason);

        [LoggerMessage(EventId = 7503, Level = LogLevel.Warning, Message = "Room {RoomId}: the recording has no frame to make a poster from; it is offered without one")]
        public static partial void NoPoster(ILogger logger, string roomId);
    }
}
