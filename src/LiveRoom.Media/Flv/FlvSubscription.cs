using System.Buffers;
using System.IO.Pipelines;
using System.Threading.Channels;

namespace LiveRoom.Media.Flv;

/// <summary>
/// One viewer of an <see cref="FlvRelay"/>: a queue of byte chunks that, read in order, form a complete
/// FLV stream (header, metadata, codec headers, the GOP from its keyframe, then live tags). The chunks
/// are shared with every other viewer and must not be modified. Dispose it when the viewer goes away.
/// </summary>
public sealed class FlvSubscription : IDisposable
{
    private const int NotEnded = -1;

    private readonly FlvRelay _relay;
    private readonly Channel<ReadOnlyMemory<byte>> _channel;
    private long _queuedBytes;
    private int _end = NotEnded;

    internal FlvSubscription(FlvRelay relay, long id, string? peer)
    {
        _relay = relay;
        Id = id;
        Peer = peer;
        // Not single-reader: a dropped viewer's queue is discarded from the relay's side while the viewer may still be reading.
        _channel = Channel.CreateUnbounded<ReadOnlyMemory<byte>>(new UnboundedChannelOptions { SingleReader = false, SingleWriter = false });
        Reader = new CountingReader(this, _channel.Reader);
    }

    /// <summary>Numbers the relay's viewers for log lines.</summary>
    public long Id { get; }

    /// <summary>Who is watching, as the caller of <see cref="FlvRelay.Subscribe"/> described it (for log lines).</summary>
    public string? Peer { get; }

    /// <summary>The stream's bytes in order; completes when the stream ends (see <see cref="EndReason"/>).</summary>
    public ChannelReader<ReadOnlyMemory<byte>> Reader { get; }

    /// <summary>Bytes queued and not yet taken from <see cref="Reader"/>.</summary>
    public long QueuedBytes => Interlocked.Read(ref _queuedBytes);

    /// <summary>Null while the stream goes on.</summary>
    public FlvSubscriptionEnd? EndReason => Volatile.Read(ref _end) is var end and not NotEnded ? (FlvSubscriptionEnd)end : null;

    /// <summary>True once the viewer has been given the header and a starting point (a keyframe).</summary>
    internal bool Started { get; set; }

    /// <summary>
    /// Copies the stream to <paramref name="destination"/> until it ends, flushing whenever the queue runs
    /// dry (each chunk at once while live, in batches while catching up). Returns why the stream ended.
    /// </summary>
    public async Task<FlvSubscriptionEnd> CopyToAsync(Stream destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destination);
        while (await Reader.WaitToReadAsync(cancellationToken))
        {
            while (Reader.TryRead(out var chunk)) await destination.WriteAsync(chunk, cancellationToken);
            await destination.FlushAsync(cancellationToken);
        }

        return EndReason ?? FlvSubscriptionEnd.Unsubscribed;
    }

    /// <summary>
    /// Copies the stream into <paramref name="destination"/> (for example <c>HttpResponse.BodyWriter</c>)
    /// until it ends or the reader of the pipe goes away, flushing whenever the queue runs dry.
    /// </summary>
    public async Task<FlvSubscriptionEnd> CopyToAsync(PipeWriter destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destination);
        while (await Reader.WaitToReadAsync(cancellationToken))
        {
            while (Reader.TryRead(out var chunk)) destination.Write(chunk.Span);
            var flushed = await destination.FlushAsync(cancellationToken);
            if (flushed.IsCompleted || flushed.IsCanceled) return FlvSubscriptionEnd.Unsubscribed;
        }

        return EndReason ?? FlvSubscriptionEnd.Unsubscribed;
    }

    /// <summary>Leaves the relay and discards what is still queued.</summary>
    public void Dispose() => _relay.Unsubscribe(this);

    /// <summary>Queues a chunk; false (and nothing queued) when that would put the viewer more than <paramref name="limit"/> bytes behind.</summary>
    internal bool TryEnqueue(ReadOnlyMemory<byte> chunk, long limit)
    {
        if (Interlocked.Read(ref _queuedBytes) + chunk.Length > limit) return false;
        Interlocked.Add(ref _queuedBytes, chunk.Length);
        return _channel.Writer.TryWrite(chunk);
    }

    /// <summary>Ends the stream once; with <paramref name="discardQueued"/> the reader sees the end at once instead of after the queue.</summary>
    internal bool End(FlvSubscriptionEnd reason, bool discardQueued)
    {
        if (Interlocked.CompareExchange(ref _end, (int)reason, NotEnded) != NotEnded) return false;
        _channel.Writer.TryComplete();
        if (discardQueued)
        {
            while (Reader.TryRead(out _))
            {
            }
        }

        return true;
    }

    private void Taken(int length) => Interlocked.Add(ref _queuedBytes, -length);

    /// <summary>Counts what the viewer takes, so the relay knows how far behind it is.</summary>
    private sealed class CountingReader(FlvSubscription owner, ChannelReader<ReadOnlyMemory<byte>> inner) : ChannelReader<ReadOnlyMemory<byte>>
    {
        public override Task Completion => inner.Completion;

        public override bool CanCount => inner.CanCount;

        public override int Count => inner.Count;

        public override bool TryRead(out ReadOnlyMemory<byte> item)
        {
            if (!inner.TryRead(out item)) return false;
            owner.Taken(item.Length);
            return true;
        }

        public override bool TryPeek(out ReadOnlyMemory<byte> item) => inner.TryPeek(out item);

        public override ValueTask<bool> WaitToReadAsync(CancellationToken cancellationToken = default) => inner.WaitToReadAsync(cancellationToken);
    }
}
