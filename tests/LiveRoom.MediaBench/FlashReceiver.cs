using System.Globalization;

namespace LiveRoom.MediaBench;

/// <summary>How a receiver watches the stream.</summary>
public enum ReceiverKind
{
    /// <summary>HTTP-FLV, decoded as soon as the bytes arrive: the live edge, the least a player could add.</summary>
    Flv,

    /// <summary>
    /// HTTP-FLV played in real time from where the server starts a viewer (the cached keyframe), as the viewer
    /// page's mpegts.js does (its latency chasing only acts above 2.5 s, more than a 2 s GOP cache gives).
    /// </summary>
    FlvPaced,

    /// <summary>HLS, the source rendition, each segment decoded as soon as the playlist lists it: the live edge.</summary>
    Hls,

    /// <summary>
    /// HLS, the source rendition, played in real time from N segments before the end of the playlist: where
    /// hls.js starts with <c>liveSyncDurationCount</c> N, or <c>liveSyncDuration</c> N × the segment length (the
    /// viewer page sets 2 s, two of the default 1 s segments; hls.js's default and Safari use 3 segments).
    /// </summary>
    HlsPaced,

    /// <summary>HLS, the lowest rung (transcoded), at the live edge.</summary>
    HlsLowest,
}

/// <summary>A flash a receiver saw: when its first frame was decoded, and which flash code its brightness says.</summary>
public sealed record FlashDetection(double ReceivedAt, int? Code, double Luma, double? PtsTime);

/// <summary>
/// A viewer made of ffmpeg: reads a playback URL, decodes the video and prints each frame's average luma
/// (<c>signalstats</c>, on a 64×36 copy so it costs little) as soon as the frame is decoded; the tool
/// timestamps every line as it reads it and notes each black → flash transition. Decoding runs on one
/// thread with low-delay flags, so no frames wait in a decoder queue.
/// </summary>
public sealed class FlashReceiver : IAsyncDisposable
{
    private readonly Lock _lock = new();
    private readonly List<FlashDetection> _detections = [];
    private readonly ChildProcess _process;
    private double? _pts;
    private bool _inFlash = true;
    private double? _firstFrameAt;
    private long _frames;

    private FlashReceiver(ReceiverKind kind, string url, IReadOnlyList<string> arguments, string ffmpeg)
    {
        Kind = kind;
        Url = url;
        _process = ChildProcess.Start(ffmpeg, arguments, OnLine);
    }

    public ReceiverKind Kind { get; }

    public string Url { get; }

    public double StartedAt => _process.StartedAt;

    public ChildProcess Process => _process;

    /// <summary>When the first frame was decoded (<see cref="Clock"/> seconds).</summary>
    public double? FirstFrameAt
    {
        get
        {
            lock (_lock) return _firstFrameAt;
        }
    }

    public long Frames
    {
        get
        {
            lock (_lock) return _frames;
        }
    }

    public IReadOnlyList<FlashDetection> Detections
    {
        get
        {
            lock (_lock) return [.. _detections];
        }
    }

    public static FlashReceiver Start(string ffmpeg, ReceiverKind kind, string url, int hlsStartSegments) => new(kind, url, Arguments(kind, url, hlsStartSegments), ffmpeg);

    /// <summary>The receiver's ffmpeg arguments: paced kinds add <c>-re</c>; the paced HLS one starts <paramref name="hlsStartSegments"/> back.</summary>
    public static IReadOnlyList<string> Arguments(ReceiverKind kind, string url, int hlsStartSegments)
    {
        var arguments = new List<string>
        {
            "-hide_banner", "-nostdin", "-loglevel", "error", "-nostats",
            "-flags", "low_delay", "-threads", "1",
        };
        // At the edge, what was read while probing the stream may be dropped (it is old anyway). A paced player
        // must keep it: it plays from its very first frame, so dropping it would move it to a later start.
        arguments.AddRange(kind is ReceiverKind.FlvPaced or ReceiverKind.HlsPaced ? ["-re"] : ["-fflags", "nobuffer"]);
        // Probe as little as possible: a player starts from the stream's codec headers, not after analysing seconds
        // of it (ffmpeg's default probing holds a paced receiver back by ~1.3 s). 8 KiB holds the FLV prelude
        // (metadata, AVC and AAC headers) and an MPEG-TS program table.
        arguments.AddRange(["-probesize", "8192", "-analyzeduration", "0"]);
        if (kind is ReceiverKind.Hls or ReceiverKind.HlsLowest) arguments.AddRange(["-live_start_index", "-1"]);
        if (kind is ReceiverKind.HlsPaced) arguments.AddRange(["-live_start_index", (-hlsStartSegments).ToString(CultureInfo.InvariantCulture)]);
        arguments.AddRange(
        [
            "-i", url, "-an", "-sn", "-dn",
            "-vf", "scale=64:36:flags=neighbor,signalstats,metadata=mode=print:key=lavfi.signalstats.YAVG:file=-:direct=1",
            "-f", "null", "-",
        ]);
        return arguments;
    }

    public async ValueTask DisposeAsync() => await _process.DisposeAsync();

    private void OnLine(string line, double at)
    {
        // metadata=print writes "frame:N pts:P pts_time:T" and then "lavfi.signalstats.YAVG=V" for each frame.
        const string Luma = "lavfi.signalstats.YAVG=";
        if (line.StartsWith("frame:", StringComparison.Ordinal))
        {
            var index = line.IndexOf("pts_time:", StringComparison.Ordinal);
            _pts = index >= 0 && double.TryParse(line.AsSpan(index + "pts_time:".Length).Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var pts) ? pts : null;
            return;
        }

        if (!line.StartsWith(Luma, StringComparison.Ordinal) || !double.TryParse(line.AsSpan(Luma.Length), NumberStyles.Float, CultureInfo.InvariantCulture, out var luma)) return;
        var flash = FlashPattern.IsFlash(luma);
        lock (_lock)
        {
            _frames++;
            if (_firstFrameAt is null)
            {
                _firstFrameAt = at;
            }
            else if (flash && !_inFlash)
            {
                _detections.Add(new FlashDetection(at, FlashPattern.Code(luma), luma, _pts));
            }

            // The first frame counts as "in a flash" so a stream that starts inside one is not taken for its start.
            _inFlash = flash;
        }
    }
}
