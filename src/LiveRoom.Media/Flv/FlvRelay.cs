using Microsoft.Extensions.Logging;

namespace LiveRoom.Media.Flv;

/// <summary>
/// The HTTP-FLV relay of one live room. The ingest calls <see cref="Publish"/> for every tag; each viewer
/// gets a <see cref="FlvSubscription"/> whose bytes are a complete FLV stream that a player can decode from
/// its first video frame:
/// <list type="number">
/// <item>the FLV header, the latest onMetaData and the AVC and AAC sequence headers, then</item>
/// <item>the GOP cache, every tag since the most recent video keyframe (so playback starts at once), then</item>
/// <item>live tags.</item>
/// </list>
/// A viewer that arrives while there is no cache (before the first keyframe, or after the cache outgrew
/// <see cref="FlvRelayOptions.MaxGopCacheBytes"/>) is given nothing until the next keyframe, and then the
/// same prefix. A stream without video starts at the next audio tag instead.
/// <para>
/// Timestamps stay as the publisher sent them; only the metadata and sequence headers a viewer starts
/// with are stamped with the timestamp of the keyframe it starts at, so every viewer's stream moves
/// forward from its first tag. That keeps one serialization per tag for all viewers (players take the
/// first timestamp as their base; mpegts.js, ffmpeg and VLC do).
/// </para>
/// <para>
/// Thread-safe: <see cref="Publish"/> and <see cref="Complete"/> from the ingest, <see cref="Subscribe"/>
/// and reading from request tasks. Publishing never waits for a viewer: one that falls more than
/// <see cref="FlvRelayOptions.MaxSubscriberQueueBytes"/> behind is dropped.
/// </para>
/// </summary>
public sealed partial class FlvRelay
{
    private static readonly byte[] OnMetaData = [0x02, 0x00, 0x0A, .. "onMetaData"u8];

    private readonly FlvRelayOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly Lock _lock = new();
    private readonly List<FlvSubscription> _subscribers = [];
    private readonly List<ReadOnlyMemory<byte>> _gop = [];
    private long _gopBytes;
    private uint _gopTimestamp;
    private bool _gopActive;
    private FlvTag? _metadata;
    private FlvTag? _videoHeader;
    private FlvTag? _audioHeader;
    private bool _sawVideo;
    private bool _sawAudio;
    private byte[]? _prelude;
    private uint _preludeTimestamp;
    private long _nextId;
    private bool _completed;

    public FlvRelay(string roomId, FlvRelayOptions options, ILogger<FlvRelay> logger, TimeProvider? time = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(roomId);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        if (options.MaxSubscriberQueueBytes <= options.MaxGopCacheBytes)
        {
            throw new ArgumentException($"{nameof(options.MaxSubscriberQueueBytes)} must be above {nameof(options.MaxGopCacheBytes)}: a new viewer starts with the whole GOP cache queued.", nameof(options));
        }

        RoomId = roomId;
        _options = options;
        _logger = logger;
        _time = time ?? TimeProvider.System;
    }

    public string RoomId { get; }

    /// <summary>True once the publisher has ended (<see cref="Complete"/>).</summary>
    public bool IsCompleted
    {
        get
        {
            lock (_lock) return _completed;
        }
    }

    /// <summary>Viewers currently subscribed, including those waiting for a keyframe.</summary>
    public int SubscriberCount
    {
        get
        {
            lock (_lock) return _subscribers.Count;
        }
    }

    /// <summary>Bytes the GOP cache holds now (0 while there is none).</summary>
    public long GopCacheBytes
    {
        get
        {
            lock (_lock) return _gopBytes;
        }
    }

    /// <summary>
    /// Takes one tag from the publisher and passes it to every viewer. The tag is serialized (copied) here,
    /// so the caller may reuse its buffer afterwards. Never blocks on a viewer. Ignored after <see cref="Complete"/>.
    /// </summary>
    public void Publish(FlvTag tag)
    {
        ArgumentNullException.ThrowIfNull(tag);
        var bytes = FlvWriter.SerializeTag(tag);
        // Before each keyframe, when it arrived: the clock cue goes into the cache and to every viewer with the frame.
        var clock = _options.ClockTags && IsRandomAccessPoint(tag) ? FlvWriter.SerializeTag(FlvClockTag.Create(tag.Timestamp, _time.GetUtcNow())) : null;
        List<(FlvSubscription Subscription, long Behind)>? dropped = null;
        var cacheDropped = false;
        lock (_lock)
        {
            if (_completed) return;
            var start = false;
            if (tag.Type == FlvTag.Script && IsMetadata(tag))
            {
                _metadata = tag with { Data = tag.Data.ToArray() };
                _prelude = null;
            }
            else if (tag.IsSequenceHeader && tag.Type == FlvTag.Video)
            {
                Saw(tag.Type);
                if (_videoHeader is null || !_videoHeader.Data.Span.SequenceEqual(tag.Data.Span))
                {
                    // Frames after a new SPS/PPS need it, and those before it must not be decoded with it:
                    // start over at the keyframe that follows.
                    _videoHeader = tag with { Data = tag.Data.ToArray() };
                    _prelude = null;
                    ClearGop();
                }
            }
            else if (tag.IsSequenceHeader && tag.Type == FlvTag.Audio)
            {
                Saw(tag.Type);
                _audioHeader = tag with { Data = tag.Data.ToArray() };
                _prelude = null;
            }
            else if (tag.Type == FlvTag.Video)
            {
                Saw(tag.Type);
                start = IsRandomAccessPoint(tag);
                if (start)
                {
                    ClearGop();
                    _gopActive = true;
                    _gopTimestamp = tag.Timestamp;
                    if (clock is not null) AddToGop(clock);
                }

                cacheDropped = AddToGop(bytes);
            }
            else
            {
                Saw(tag.Type);
                start = tag.Type == FlvTag.Audio && !_sawVideo;
                cacheDropped = AddToGop(bytes);
            }

            for (var i = _subscribers.Count - 1; i >= 0; i--)
            {
                var subscription = _subscribers[i];
                var delivered = true;
                if (!subscription.Started)
                {
                    if (!start) continue;
                    subscription.Started = true;
                    delivered = subscription.TryEnqueue(Prelude(tag.Timestamp), _options.MaxSubscriberQueueBytes);
                }

                if (clock is not null && delivered) delivered = subscription.TryEnqueue(clock, _options.MaxSubscriberQueueBytes);

                if (delivered && subscription.TryEnqueue(bytes, _options.MaxSubscriberQueueBytes)) continue;
                var behind = subscription.QueuedBytes;
                _subscribers[i] = _subscribers[^1];
                _subscribers.RemoveAt(_subscribers.Count - 1);
                subscription.End(FlvSubscriptionEnd.TooSlow, discardQueued: true);
                (dropped ??= []).Add((subscription, behind));
            }
        }

        if (cacheDropped) Log.GopCacheDropped(_logger, RoomId, _options.MaxGopCacheBytes);
        if (dropped is null) return;
        foreach (var (subscription, behind) in dropped)
        {
            Log.SubscriberDropped(_logger, RoomId, subscription.Id, subscription.Peer ?? "-", behind, _options.MaxSubscriberQueueBytes);
        }
    }

    /// <summary>
    /// A new viewer: its stream starts at the GOP cache if there is one, else at the next keyframe. After
    /// <see cref="Complete"/> the subscription has already ended. <paramref name="peer"/> names the viewer in log lines.
    /// </summary>
    public FlvSubscription Subscribe(string? peer = null)
    {
        long cached;
        FlvSubscription subscription;
        lock (_lock)
        {
            subscription = new FlvSubscription(this, ++_nextId, peer);
            if (_completed)
            {
                subscription.End(FlvSubscriptionEnd.PublisherEnded, discardQueued: false);
                return subscription;
            }

            cached = _gopActive ? _gopBytes : 0;
            if (_gopActive)
            {
                subscription.Started = true;
                // The options guarantee a whole cache fits under the bound.
                subscription.TryEnqueue(Prelude(_gopTimestamp), _options.MaxSubscriberQueueBytes);
                foreach (var chunk in _gop) subscription.TryEnqueue(chunk, _options.MaxSubscriberQueueBytes);
            }

            _subscribers.Add(subscription);
        }

        Log.SubscriberJoined(_logger, RoomId, subscription.Id, peer ?? "-", cached);
        return subscription;
    }

    /// <summary>The publisher has ended: every viewer gets what is queued, then the end of its stream.</summary>
    public void Complete()
    {
        int count;
        lock (_lock)
        {
            if (_completed) return;
            _completed = true;
            count = _subscribers.Count;
            foreach (var subscription in _subscribers) subscription.End(FlvSubscriptionEnd.PublisherEnded, discardQueued: false);
            _subscribers.Clear();
            ClearGop();
            _prelude = null;
        }

        Log.Completed(_logger, RoomId, count);
    }

    internal void Unsubscribe(FlvSubscription subscription)
    {
        bool removed;
        lock (_lock)
        {
            removed = _subscribers.Remove(subscription);
        }

        if (subscription.End(FlvSubscriptionEnd.Unsubscribed, discardQueued: true) || removed)
        {
            Log.SubscriberLeft(_logger, RoomId, subscription.Id, subscription.Peer ?? "-");
        }
    }

    /// <summary>A video frame a decoder can start at: a keyframe carrying picture data (not a sequence header or end of sequence).</summary>
    private static bool IsRandomAccessPoint(FlvTag tag)
    {
        if (!tag.IsKeyframe) return false;
        var data = tag.Data.Span;
        const int Avc = 7;
        return (data[0] & 0x0F) != Avc || (data.Length > 1 && data[1] == 1);
    }

    /// <summary>Notes that the stream carries audio or video (the FLV header's flags).</summary>
    private void Saw(byte type)
    {
        if (type == FlvTag.Video && !_sawVideo)
        {
            _sawVideo = true;
            _prelude = null;
        }
        else if (type == FlvTag.Audio && !_sawAudio)
        {
            _sawAudio = true;
            _prelude = null;
        }
    }

    private static bool IsMetadata(FlvTag tag) => tag.Data.Span.StartsWith(OnMetaData);

    /// <summary>Adds a tag to the GOP cache if one is being kept; true when that put the cache over its bound and dropped it.</summary>
    private bool AddToGop(byte[] bytes)
    {
        if (!_gopActive) return false;
        _gop.Add(bytes);
        _gopBytes += bytes.Length;
        if (_gopBytes <= _options.MaxGopCacheBytes) return false;
        ClearGop();
        return true;
    }

    private void ClearGop()
    {
        _gop.Clear();
        _gopBytes = 0;
        _gopActive = false;
    }

    /// <summary>The FLV header, metadata and sequence headers a viewer starting at <paramref name="timestamp"/> needs, stamped with it.</summary>
    private byte[] Prelude(uint timestamp)
    {
        if (_prelude is not null && _preludeTimestamp == timestamp) return _prelude;
        FlvTag?[] tags = [_metadata, _videoHeader, _audioHeader];
        var length = FlvWriter.HeaderLength + tags.Sum(t => t is null ? 0 : FlvWriter.TagLength(t.Data.Length));
        var prelude = new byte[length];
        FlvWriter.WriteHeader(prelude, hasAudio: _sawAudio, hasVideo: _sawVideo);
        var offset = FlvWriter.HeaderLength;
        foreach (var tag in tags)
        {
            if (tag is not null) offset += FlvWriter.WriteTag(prelude.AsSpan(offset), tag with { Timestamp = timestamp });
        }

        _prelude = prelude;
        _preludeTimestamp = timestamp;
        return prelude;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 7201, Level = LogLevel.Debug, Message = "FLV relay for room {RoomId}: viewer {SubscriberId} ({Peer}) joined with {CachedBytes} bytes of GOP cache")]
        public static partial void SubscriberJoined(ILogger logger, string roomId, long subscriberId, string peer, long cachedBytes);

        [LoggerMessage(EventId = 7202, Level = LogLevel.Debug, Message = "FLV relay for room {RoomId}: viewer {SubscriberId} ({Peer}) left")]
        public static partial void SubscriberLeft(ILogger logger, string roomId, long subscriberId, string peer);

        [LoggerMessage(EventId = 7203, Level = LogLevel.Warning, Message = "FLV relay for room {RoomId}: viewer {SubscriberId} ({Peer}) dropped, {QueuedBytes} bytes behind (limit {LimitBytes})")]
        public static partial void SubscriberDropped(ILogger logger, string roomId, long subscriberId, string peer, long queuedBytes, int limitBytes);

        [LoggerMessage(EventId = 7204, Level = LogLevel.Information, Message = "FLV relay for room {RoomId}: GOP cache over {LimitBytes} bytes dropped; new viewers wait for the next keyframe (shorten the publisher's keyframe interval)")]
        public static partial void GopCacheDropped(ILogger logger, string roomId, int limitBytes);

        [LoggerMessage(EventId = 7205, Level = LogLevel.Information, Message = "FLV relay for room {RoomId} ended; {SubscriberCount} viewers closed")]
        public static partial void Completed(ILogger logger, string roomId, int subscriberCount);
    }
}
