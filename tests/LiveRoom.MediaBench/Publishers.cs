using System.Globalization;

namespace LiveRoom.MediaBench;

/// <summary>A test source: size, frame rate, keyframe interval and the bitrate the publisher encodes at.</summary>
public sealed record SourceSpec(int Width, int Height, int Fps, int KeyframeSeconds)
{
    public string Label => $"{Width}x{Height}p{Fps}";

    /// <summary>A usual streaming bitrate for the size (what OBS presets suggest).</summary>
    public int VideoKbps => Height switch
    {
        <= 240 => 400,
        <= 360 => 800,
        <= 480 => 1200,
        <= 720 => 3000,
        _ => 6000,
    };

    public int GopFrames => Fps * KeyframeSeconds;

    /// <summary>A 16:9 source from its height (<c>720</c>), or an explicit size (<c>1280x720</c>).</summary>
    public static SourceSpec Parse(string text, int fps, int keyframeSeconds)
    {
        var parts = text.Trim().TrimEnd('p').Split('x');
        if (parts.Length == 2)
        {
            return new SourceSpec(int.Parse(parts[0], CultureInfo.InvariantCulture), int.Parse(parts[1], CultureInfo.InvariantCulture), fps, keyframeSeconds);
        }

        var height = int.Parse(parts[0], CultureInfo.InvariantCulture);
        var width = (int)Math.Round(height * 16 / 9.0 / 2) * 2;
        return new SourceSpec(width, height, fps, keyframeSeconds);
    }
}

/// <summary>The ffmpeg command lines of the publishers (what OBS would be) and the clips they send.</summary>
public static class Publishers
{
    /// <summary>Seconds of test pattern in a clip; the clip is sent in a loop.</summary>
    public const int ClipSeconds = 20;

    /// <summary>
    /// Encodes <see cref="ClipSeconds"/> of <c>testsrc2</c> and a tone as a publisher would (x264 <paramref name="preset"/>,
    /// constant keyframe interval, AAC) into an FLV file in <paramref name="directory"/>, once: the file is reused by later runs.
    /// </summary>
    public static async Task<string> PrepareClipAsync(string ffmpeg, string directory, SourceSpec source, string preset, TimeSpan timeout, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, $"testsrc2-{source.Label}-g{source.GopFrames}-{preset}-{source.VideoKbps}k-{ClipSeconds}s.flv");
        if (File.Exists(path)) return path;
        var partial = path + ".part";
        var kbps = source.VideoKbps.ToString(CultureInfo.InvariantCulture);
        var gop = source.GopFrames.ToString(CultureInfo.InvariantCulture);
        await ChildProcess.RunAsync(ffmpeg,
        [
            "-hide_banner", "-nostdin", "-loglevel", "error", "-y",
            "-f", "lavfi", "-i", $"testsrc2=size={source.Width}x{source.Height}:rate={source.Fps}",
            "-f", "lavfi", "-i", "sine=frequency=1000:sample_rate=48000",
            "-t", ClipSeconds.ToString(CultureInfo.InvariantCulture),
            "-c:v", "libx264", "-preset", preset, "-g", gop, "-keyint_min", gop, "-sc_threshold", "0",
            "-b:v", kbps + "k", "-maxrate", kbps + "k", "-bufsize", (source.VideoKbps * 2).ToString(CultureInfo.InvariantCulture) + "k",
            "-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", "128k",
            "-f", "flv", partial,
        ], timeout, cancellationToken);
        File.Move(partial, path, overwrite: true);
        return path;
    }

    /// <summary>
    /// Sends <paramref name="clip"/> in a loop at its real rate (<c>-re</c>) without re-encoding: the publisher costs
    /// next to no CPU. Its progress reports go to <paramref name="progress"/>.
    /// </summary>
    public static ChildProcess StartClip(string ffmpeg, string url, string clip, TimeSpan duration, PublisherProgress progress) =>
        ChildProcess.Start(ffmpeg,
        [
            "-hide_banner", "-nostdin", "-loglevel", "error", "-nostats",
            "-progress", "pipe:1", "-stats_period", "0.5",
            "-re", "-stream_loop", "-1", "-i", clip,
            "-t", Seconds(duration),
            "-c", "copy", "-f", "flv", url,
        ], progress.OnLine);

    private static string Seconds(TimeSpan duration) => duration.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>The arguments of the flash publisher (see <see cref="FlashPublisher"/>).</summary>
    internal static IReadOnlyList<string> FlashArguments(string url, SourceSpec source, FlashPattern pattern, string preset, TimeSpan duration)
    {
        var fps = source.Fps.ToString(CultureInfo.InvariantCulture);
        var gop = source.GopFrames.ToString(CultureInfo.InvariantCulture);
        var kbps = source.VideoKbps.ToString(CultureInfo.InvariantCulture);
        return
        [
            "-hide_banner", "-nostdin", "-loglevel", "error", "-nostats",
            "-progress", "pipe:1", "-stats_period", "0.1",
            "-re", "-f", "lavfi", "-i", $"color=c=black:s=64x36:r={fps}",
            "-re", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000",
            "-t", Seconds(duration),
            "-vf", pattern.VideoFilter(source.Width, source.Height, source.Fps),
            "-c:v", "libx264", "-preset", preset, "-tune", "zerolatency", "-g", gop, "-keyint_min", gop, "-sc_threshold", "0",
            "-b:v", kbps + "k", "-maxrate", kbps + "k", "-bufsize", kbps + "k",
            "-c:a", "aac", "-b:a", "128k",
            "-f", "flv", url,
        ];
    }
}

/// <summary>
/// The latency publisher: encodes <see cref="FlashPattern"/> live (x264, zerolatency: no lookahead, no
/// B-frames, so a frame leaves the encoder as soon as it is made) and sends it at real time (<c>-re</c>).
/// <para>
/// Calibration: with <c>-re</c> ffmpeg lets a frame of media time t through at T0 + t, T0 being the moment
/// its clock started. It prints its progress every 0.1 s (<c>-progress pipe:1</c>), each report carrying
/// <c>out_time</c>, the media time written to the RTMP connection so far. A report read at wall time w says
/// T0 ≥ w − out_time (it can only be late: reporting and reading add delay, never subtract), so the smallest
/// w − out_time over the run is the estimate of T0, within a frame or so. Flash k then left the publisher at
/// T0 + k × period. The process start is not used: ffmpeg takes 0.1–0.5 s to start and connect first.
/// </para>
/// </summary>
public sealed class FlashPublisher : IAsyncDisposable
{
    private readonly ChildProcess _process;

    public FlashPublisher(string ffmpeg, string url, SourceSpec source, FlashPattern pattern, string preset, TimeSpan duration)
    {
        _process = ChildProcess.Start(ffmpeg, Publishers.FlashArguments(url, source, pattern, preset, duration), Progress.OnLine);
    }

    public ChildProcess Process => _process;

    public PublisherProgress Progress { get; } = new();

    /// <summary>The estimate of when media time 0 was sent (<see cref="Clock"/> seconds); null before the first report.</summary>
    public double? T0 => Progress.T0;

    /// <summary>How many progress reports the estimate rests on.</summary>
    public int Reports => Progress.Reports;

    public async ValueTask DisposeAsync() => await _process.DisposeAsync();
}

/// <summary>
/// A publisher's <c>-progress</c> reports: when (wall) it had written how much media (<c>out_time</c>). They give
/// the moment its media time 0 left (<see cref="T0"/>, see <see cref="FlashPublisher"/>) and how fast it really
/// sent (<see cref="Speed"/>): the transcoder cannot be faster than its input, so its speed is judged against this.
/// </summary>
public sealed class PublisherProgress
{
    private readonly Lock _lock = new();
    private readonly List<(double At, double MediaSeconds)> _reports = [];
    private double _t0 = double.PositiveInfinity;

    public double? T0
    {
        get
        {
            lock (_lock) return double.IsPositiveInfinity(_t0) ? null : _t0;
        }
    }

    public int Reports
    {
        get
        {
            lock (_lock) return _reports.Count;
        }
    }

    /// <summary>Media seconds sent per wall second between <paramref name="from"/> and <paramref name="to"/> (<see cref="Clock"/> seconds).</summary>
    public double? Speed(double from, double to)
    {
        lock (_lock)
        {
            var inside = _reports.Where(r => r.At >= from && r.At <= to).ToArray();
            if (inside.Length < 2 || inside[^1].At - inside[0].At < 1) return null;
            return (inside[^1].MediaSeconds - inside[0].MediaSeconds) / (inside[^1].At - inside[0].At);
        }
    }

    /// <summary>Takes one line of <c>-progress pipe:1</c> output read at <paramref name="at"/>.</summary>
    public void OnLine(string line, double at)
    {
        const string Key = "out_time_us=";
        if (!line.StartsWith(Key, StringComparison.Ordinal) || !long.TryParse(line.AsSpan(Key.Length), NumberStyles.Integer, CultureInfo.InvariantCulture, out var microseconds) || microseconds <= 0)
        {
            return;
        }

        lock (_lock)
        {
            var media = microseconds / 1e6;
            _reports.Add((at, media));
            _t0 = Math.Min(_t0, at - media);
        }
    }
}
