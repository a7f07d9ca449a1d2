using System.Globalization;
using FFMpegCore;
using LiveRoom.Media.Transcoding;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LiveRoom.Media.Recording;

/// <summary>
/// Makes a call's recording from its takes: each take's uploaded stream copied into a file that states its
/// length, then every take joined in order into one MP4 by a single ffmpeg run. Work happens in a scratch
/// folder; the caller stores the result and then publishes it.
/// </summary>
public sealed partial class CallRecordingMaker(IOptions<TranscodeOptions> options, ILogger<CallRecordingMaker> logger)
{
    /// <summary>The picture size when no take has a picture at all.</summary>
    private const int FallbackWidth = 1280;

    private const int FallbackHeight = 720;

    /// <summary>
    /// Makes the recording of <paramref name="callId"/> from <paramref name="takes"/> (in order) in
    /// <paramref name="workDirectory"/>; null when no take holds anything readable. <paramref name="progress"/>
    /// gets the fraction done (0–1) as ffmpeg reports it.
    /// </summary>
    public async Task<CallRecordingResult?> MakeAsync(string callId, IReadOnlyList<CallTakeFile> takes, string workDirectory, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(workDirectory);
        var sources = new List<CallTakeSource>();
        var unreadable = new List<int>();
        var width = 0;
        var height = 0;
        foreach (var take in takes)
        {
            var copy = Path.Combine(workDirectory, $"take-{take.Take.ToString(CultureInfo.InvariantCulture)}.mkv");
            var exit = await RunAsync(CallRecordingArguments.Take(take.Path, copy), 0, null, cancellationToken);
            var probed = exit.Succeeded ? await ProbeAsync(copy, cancellationToken) : null;
            if (probed is not { DurationSeconds: > 0 } || !(probed.HasVideo || probed.HasAudio))
            {
                Log.UnreadableTake(logger, callId, take.Take, exit.Succeeded ? "no audio or video in it" : exit.ErrorTail);
                unreadable.Add(take.Take);
                continue;
            }

            if (width == 0 && probed.Width > 0 && probed.Height > 0) (width, height) = (Even(probed.Width), Even(probed.Height));
            sources.Add(new CallTakeSource(copy, probed.DurationSeconds, probed.HasVideo, probed.HasAudio));
        }

        if (sources.Count == 0) return null;
        if (width == 0) (width, height) = (FallbackWidth, FallbackHeight);
        var mp4 = Path.Combine(workDirectory, "recording.mp4");
        var joined = await RunAsync(CallRecordingArguments.Mp4(sources, width, height, mp4), sources.Sum(s => s.DurationSeconds), progress, cancellationToken);
        if (!joined.Succeeded) throw new InvalidOperationException($"ffmpeg failed ({joined.ExitCode}): {joined.ErrorTail}");
        var duration = (await ProbeAsync(mp4, cancellationToken))?.DurationSeconds ?? 0;
        progress?.Report(1);
        Log.Made(logger, callId, sources.Count, duration);
        return new CallRecordingResult(mp4, duration, unreadable);
    }

    private static int Even(int pixels) => Math.Max(2, pixels & ~1);

    private async Task<FfmpegExit> RunAsync(FfmpegCommand command, double expectedSeconds, IProgress<double>? progress, CancellationToken cancellationToken)
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
        return exit;
    }

    private async Task<Probed?> ProbeAsync(string file, CancellationToken cancellationToken)
    {
        try
        {
            var analysis = await FFProbe.AnalyseAsync(file, FfmpegRun.BinaryOptions(options.Value.FfmpegPath), "-protocol_whitelist file", cancellationToken);
            var video = analysis.PrimaryVideoStream;
            return new Probed(Math.Max(0, analysis.Duration.TotalSeconds), video is not null, analysis.PrimaryAudioStream is not null, video?.Width ?? 0, video?.Height ?? 0);
        }
        catch (Exception e) when (e is FFMpegCore.Exceptions.FFMpegException or FormatException or InvalidOperationException or System.Text.Json.JsonException)
        {
            Log.ProbeFailed(logger, file, e.Message);
            return null;
        }
    }

    private sealed record Probed(double DurationSeconds, bool HasVideo, bool HasAudio, int Width, int Height);

    private static partial class Log
    {
        [LoggerMessage(EventId = 9300, Level = LogLevel.Information, Message = "Call {CallId}: recording made from {Takes} take(s), {DurationSeconds} s")]
        public static partial void Made(ILogger logger, string callId, int takes, double durationSeconds);

        [LoggerMessage(EventId = 9301, Level = LogLevel.Warning, Message = "Call {CallId}: take {Take} holds nothing readable and is left out: {Reason}")]
        public static partial void UnreadableTake(ILogger logger, string callId, int take, string reason);

        [LoggerMessage(EventId = 9302, Level = LogLevel.Warning, Message = "Could not read the length of {File}: {Reason}")]
        public static partial void ProbeFailed(ILogger logger, string file, string reason);
    }
}
