using LiveRoom.Media.Flv;
using LiveRoom.Media.Ingest;
using LiveRoom.Media.Transcoding;
using Microsoft.Extensions.Logging;

namespace LiveRoom.Media.Live;

/// <summary>
/// One publisher's stream on this node. Every tag is archived (FLV, one file per session) and piped into
/// ffmpeg through FFMpegCore, which writes the HLS ladder. ffmpeg starts once the codec
/// configuration and a keyframe have arrived; if it dies, or falls so far behind that its input queue is
/// full, it is restarted at the next keyframe and continues the same playlists after a discontinuity, as
/// does a session that resumes an interrupted room. The ingest never waits for ffmpeg.
/// </summary>
public sealed partial class LiveSession : IPublishSession, IAsyncDisposable
{
    private const int MaxRestartsPerMinute = 5;

    private readonly LivePaths _paths;
    private readonly TranscodeOptions _options;
    private readonly ILiveSessionListener _listener;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly TimeProvider _clock;
    private readonly Queue<DateTimeOffset> _restarts = new();
    private readonly object _gate = new();
    private FileStream? _archive;
    private FlvTag? _metadata;
    private FlvTag? _videoConfig;
    private FlvTag? _audioConfig;
    private SourceInfo _source = SourceInfo.Unknown;
    private FfmpegRun? _ffmpeg;
    private bool _continuePlaylists;
    private bool _ended;
    private int _transcoderStarts;

    public LiveSession(string roomId, string sessionId, bool resumed, LivePaths paths, TranscodeOptions options, ILiveSessionListener listener, TimeProvider clock, ILogger logger)
    {
        _clock = clock;
        RoomId = roomId;
        SessionId = sessionId;
        _paths = paths;
        _options = options;
        _listener = listener;
        _logger = logger;
        _continuePlaylists = resumed;
        if (!resumed)
        {
            var live = paths.LiveDirectory(roomId);
            if (Directory.Exists(live)) Directory.Delete(live, recursive: true);
        }
    }

    public string RoomId { get; }

    public string SessionId { get; }

    public CancellationToken Stopping => _stopping.Token;

    /// <summary>How many times ffmpeg was started for this session (1 unless it had to be restarted).</summary>
    public int TranscoderStarts => Volatile.Read(ref _transcoderStarts);

    /// <summary>The running transcoder's process id, if any.</summary>
    public int? TranscoderProcessId => _ffmpeg?.ProcessId;

    public SourceInfo Source => _source;

    public string StopReason { get; private set; } = "the room ended";

    /// <summary>Asks the publisher to go (the room ended, or its publisher was disconnected): the ingest closes its connection.</summary>
    public void Stop(string reason = "the room ended")
    {
        if (_stopping.IsCancellationRequested) return;
        StopReason = reason;
        _stopping.Cancel();
    }

    public async ValueTask WriteAsync(FlvTag tag, CancellationToken cancellationToken)
    {
        if (tag.Type == FlvTag.Script && _metadata is null)
        {
            _metadata = tag;
            _source = SourceInfo.FromMetadata(tag);
        }
        else if (tag.IsSequenceHeader)
        {
            if (tag.Type == FlvTag.Video) _videoConfig = tag;
            else _audioConfig = tag;
        }

        var bytes = FlvWriter.SerializeTag(tag);
        await ArchiveAsync(bytes, tag, cancellationToken);
        Transcode(tag, bytes);
    }

    public async ValueTask EndAsync(bool graceful, string reason)
    {
        lock (_gate)
        {
            if (_ended) return;
            _ended = true;
        }

        var ffmpeg = Interlocked.Exchange(ref _ffmpeg, null);
        if (ffmpeg is not null)
        {
            await ffmpeg.StopAsync(TimeSpan.FromSeconds(5));
            await ffmpeg.DisposeAsync();
        }

        if (_archive is not null)
        {
            await _archive.FlushAsync();
            await _archive.DisposeAsync();
            _archive = null;
        }

        await _listener.SessionEndedAsync(RoomId, SessionId, graceful, reason);
    }

    public async ValueTask DisposeAsync()
    {
        await EndAsync(graceful: false, "the server is stopping");
        _stopping.Dispose();
    }

    private async ValueTask ArchiveAsync(byte[] bytes, FlvTag tag, CancellationToken cancellationToken)
    {
        if (_archive is null)
        {
            var directory = _paths.ArchiveDirectory(RoomId);
            Directory.CreateDirectory(directory);
            // Named by when the first tag arrived, on the clock that stamps chat, so the recording can place each
            // message in the session it was sent in.
            var file = _paths.ArchiveFile(RoomId, SessionId, _clock.GetUtcNow());
            _archive = new FileStream(file, FileMode.CreateNew, FileAccess.Write, FileShare.Read, 64 * 1024, useAsync: true);
            await _archive.WriteAsync(FlvWriter.Header(hasAudio: true, hasVideo: true), cancellationToken);
        }

        await _archive.WriteAsync(bytes, cancellationToken);
        if (tag.IsKeyframe) await _archive.FlushAsync(cancellationToken);
    }

    private void Transcode(FlvTag tag, byte[] bytes)
    {
        var ffmpeg = _ffmpeg;
        if (ffmpeg is null)
        {
            // ffmpeg needs the codec configuration first and must start on a keyframe.
            if (_videoConfig is null || !tag.IsKeyframe || tag.IsSequenceHeader || _ended || !MayStart()) return;
            ffmpeg = StartTranscoder();
            var header = FlvWriter.Header(hasAudio: _audioConfig is not null, hasVideo: true);
            if (!ffmpeg.TryWrite(header)) return;
            foreach (var config in new[] { _metadata, _videoConfig, _audioConfig })
            {
                if (config is not null) ffmpeg.TryWrite(FlvWriter.SerializeTag(config));
            }
        }

        if (ffmpeg.TryWrite(bytes) || !ReferenceEquals(Interlocked.CompareExchange(ref _ffmpeg, null, ffmpeg), ffmpeg)) return;

        // Refused: ffmpeg fell behind by a whole queue (or its input ended). Drop it; the next keyframe restarts it.
        Log.TranscoderFellBehind(_logger, RoomId, ffmpeg.QueuedBytes);
        _ = ffmpeg.DisposeAsync().AsTask();
    }

    private FfmpegRun StartTranscoder()
    {
        var output = _paths.LiveDirectory(RoomId);
        Directory.CreateDirectory(output);
        var plan = LadderPlan.For(_source.Height ?? 0, _options);
        var sourceKbps = (_source.VideoKbps ?? 2500) + (_source.AudioKbps ?? 128);
        var arguments = FfmpegArguments.HlsLadder(plan, _options, output, sourceKbps, continuePlaylists: _continuePlaylists);
        var ffmpeg = FfmpegRun.Start(_options.FfmpegPath, arguments, new FfmpegRunOptions { InputQueueBytes = _options.InputQueueMegabytes * 1024L * 1024 });
        _ffmpeg = ffmpeg;
        _continuePlaylists = true;
        Interlocked.Increment(ref _transcoderStarts);
        Log.TranscoderStarted(_logger, RoomId, string.Join(", ", plan.Renditions.Select(r => r.Name)));
        _ = SuperviseAsync(ffmpeg);
        return ffmpeg;
    }

    private async Task SuperviseAsync(FfmpegRun ffmpeg)
    {
        var exit = await ffmpeg.Exited;

        // Still the current transcoder: it died by itself. Otherwise the session ended or dropped it.
        if (!ReferenceEquals(Interlocked.CompareExchange(ref _ffmpeg, null, ffmpeg), ffmpeg)) return;
        Log.TranscoderDied(_logger, RoomId, exit.ExitCode, exit.ErrorTail);
        await ffmpeg.DisposeAsync();
    }

    private bool MayStart()
    {
        var now = _clock.GetUtcNow();
        while (_restarts.Count > 0 && now - _restarts.Peek() > TimeSpan.FromMinutes(1)) _restarts.Dequeue();
        if (_restarts.Count >= MaxRestartsPerMinute)
        {
            return false;
        }

        _restarts.Enqueue(now);
        return true;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 7301, Level = LogLevel.Information, Message = "Room {RoomId}: transcoder started for {Renditions}")]
        public static partial void TranscoderStarted(ILogger logger, string roomId, string renditions);

        [LoggerMessage(EventId = 7302, Level = LogLevel.Error, Message = "Room {RoomId}: transcoder exited with {ExitCode}; restarting at the next keyframe. Last output: {ErrorTail}")]
        public static partial void TranscoderDied(ILogger logger, string roomId, int exitCode, string errorTail);

        [LoggerMessage(EventId = 7303, Level = LogLevel.Warning, Message = "Room {RoomId}: transcoder fell behind ({QueuedBytes} bytes waiting); restarting it at the next keyframe")]
        public static partial void TranscoderFellBehind(ILogger logger, string roomId, long queuedBytes);
    }
}
