using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using LiveRoom.Contracts.Chat;

namespace LiveRoom.LoadTests;

/// <summary>
/// The bookkeeping of one run. Every chat message carries a tag (the run's id and a sequence number); the
/// send time of each sequence number and every receive time are read from the same <see cref="Stopwatch"/>,
/// so latency does not depend on wall clocks. Messages <c>[0, warmup)</c> warm up and are not counted;
/// the next <c>measured</c> ones are.
/// </summary>
internal sealed class DeliveryTracker
{
    private const int MaxReasons = 20;

    private readonly string _prefix;
    private readonly string _padding;
    private readonly long[] _sentAt;
    private readonly long[] _lastReceivedAt;
    private readonly SendOutcome[] _outcomes;
    private readonly LatencyHistogram _json = new();
    private readonly LatencyHistogram _messagePack = new();
    private readonly LatencyHistogram _acknowledgement = new();
    private readonly ConcurrentDictionary<string, int> _reasons = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _received;
    private long _duplicates;
    private long _foreign;
    private long _drainTarget = long.MaxValue;

    public DeliveryTracker(string runTag, int warmupMessages, int measuredMessages, int messageLength)
    {
        _prefix = $"load {runTag} #";
        WarmupMessages = warmupMessages;
        MeasuredMessages = measuredMessages;
        var total = warmupMessages + measuredMessages;
        _sentAt = new long[total];
        _outcomes = new SendOutcome[total];
        _lastReceivedAt = new long[measuredMessages];
        var longest = _prefix.Length + total.ToString(CultureInfo.InvariantCulture).Length + 1;
        _padding = new string('x', Math.Max(1, messageLength - longest));
    }

    private enum SendOutcome : byte
    {
        Pending = 0,
        Acknowledged = 1,
        Refused = 2,
        Failed = 3,
    }

    public int WarmupMessages { get; }

    public int MeasuredMessages { get; }

    public int TotalMessages => WarmupMessages + MeasuredMessages;

    /// <summary>Measured deliveries received so far (first copies only).</summary>
    public long Received => Interlocked.Read(ref _received);

    public long Duplicates => Interlocked.Read(ref _duplicates);

    /// <summary>Chat messages that were not sent by this run (other clients in the room).</summary>
    public long Foreign => Interlocked.Read(ref _foreign);

    public IReadOnlyDictionary<string, int> Reasons => _reasons;

    public ViewerInbox CreateInbox(bool isMessagePack) => new(MeasuredMessages, isMessagePack);

    public string TextOf(int sequence) =>
        string.Create(CultureInfo.InvariantCulture, $"{_prefix}{sequence} {_padding}");

    public void MarkSent(int sequence, long timestamp) => Volatile.Write(ref _sentAt[sequence], timestamp);

    public void MarkAcknowledged(int sequence, long timestamp)
    {
        _outcomes[sequence] = SendOutcome.Acknowledged;
        if (IsMeasured(sequence)) _acknowledgement.RecordElapsed(_sentAt[sequence], timestamp);
    }

    public void MarkRefused(int sequence, string reason)
    {
        _outcomes[sequence] = SendOutcome.Refused;
        CountReason("refused: " + reason);
    }

    public void MarkFailed(int sequence, string reason)
    {
        _outcomes[sequence] = SendOutcome.Failed;
        CountReason("failed: " + reason);
    }

    /// <summary>Called from a connection's receive loop with the frame's arrival time.</summary>
    public void Receive(ViewerInbox inbox, ChatMessage[] messages, long timestamp)
    {
        foreach (var message in messages)
        {
            if (!TryParseSequence(message.Text, out var sequence))
            {
                Interlocked.Increment(ref _foreign);
                continue;
            }

            var offset = sequence - WarmupMessages;
            if ((uint)offset >= (uint)MeasuredMessages) continue;
            if (!inbox.TryMark(offset))
            {
                Interlocked.Increment(ref _duplicates);
                continue;
            }

            var sentAt = Volatile.Read(ref _sentAt[sequence]);
            if (sentAt != 0)
            {
                (inbox.IsMessagePack ? _messagePack : _json).RecordElapsed(sentAt, timestamp);
                RaiseTo(ref _lastReceivedAt[offset], timestamp);
            }

            if (Interlocked.Increment(ref _received) >= Volatile.Read(ref _drainTarget)) _drained.TrySetResult();
        }
    }

    /// <summary>Completes once <paramref name="expectedDeliveries"/> measured deliveries have arrived.</summary>
    public Task WaitForDeliveriesAsync(long expectedDeliveries)
    {
        Volatile.Write(ref _drainTarget, expectedDeliveries);
        if (Received >= expectedDeliveries) _drained.TrySetResult();
        return _drained.Task;
    }

    public (int Sent, int Acknowledged, int Refused, int Failed) CountMeasured() => Count(WarmupMessages, MeasuredMessages);

    public (int Sent, int Acknowledged, int Refused, int Failed) CountWarmup() => Count(0, WarmupMessages);

    public LatencySummary Acknowledgement => _acknowledgement.Summarize();

    /// <summary>
    /// Compares what every connection received with the acknowledged measured messages, after the run.
    /// </summary>
    public DeliveryAnalysis Analyze(IReadOnlyList<ViewerInbox> inboxes)
    {
        var acknowledged = new long[(MeasuredMessages + 63) / 64];
        var acknowledgedCount = 0;
        for (var offset = 0; offset < MeasuredMessages; offset++)
        {
            if (_outcomes[WarmupMessages + offset] != SendOutcome.Acknowledged) continue;
            acknowledged[offset >> 6] |= 1L << (offset & 63);
            acknowledgedCount++;
        }

        long received = 0;
        long ofUnacknowledged = 0;
        var connectionsMissingSome = 0;
        var everyoneHas = (long[])acknowledged.Clone();
        foreach (var inbox in inboxes)
        {
            var bits = inbox.Bits;
            long got = 0;
            for (var i = 0; i < bits.Length; i++)
            {
                got += BitOperations.PopCount((ulong)(bits[i] & acknowledged[i]));
                ofUnacknowledged += BitOperations.PopCount((ulong)(bits[i] & ~acknowledged[i]));
                everyoneHas[i] &= bits[i];
            }

            received += got;
            if (got < acknowledgedCount) connectionsMissingSome++;
        }

        var lastViewer = new LatencyHistogram();
        long lastDelivery = 0;
        for (var offset = 0; offset < MeasuredMessages; offset++)
        {
            lastDelivery = Math.Max(lastDelivery, _lastReceivedAt[offset]);
            if ((everyoneHas[offset >> 6] & (1L << (offset & 63))) == 0 || inboxes.Count == 0) continue;
            lastViewer.RecordElapsed(_sentAt[WarmupMessages + offset], _lastReceivedAt[offset]);
        }

        var all = new LatencyHistogram();
        all.Add(_json);
        all.Add(_messagePack);
        var expected = (long)acknowledgedCount * inboxes.Count;
        return new DeliveryAnalysis(
            expected,
            received,
            expected - received,
            ofUnacknowledged,
            connectionsMissingSome,
            lastDelivery,
            new LatencyStats(all.Summarize(), _json.Summarize(), _messagePack.Summarize(), lastViewer.Summarize()));
    }

    private (int Sent, int Acknowledged, int Refused, int Failed) Count(int first, int count)
    {
        int sent = 0, acknowledged = 0, refused = 0, failed = 0;
        for (var sequence = first; sequence < first + count; sequence++)
        {
            if (Volatile.Read(ref _sentAt[sequence]) == 0) continue;
            sent++;
            switch (_outcomes[sequence])
            {
                case SendOutcome.Acknowledged: acknowledged++; break;
                case SendOutcome.Refused: refused++; break;
                case SendOutcome.Failed: failed++; break;
                default: break;
            }
        }

        return (sent, acknowledged, refused, failed);
    }

    private bool IsMeasured(int sequence) => sequence >= WarmupMessages;

    private bool TryParseSequence(string? text, out int sequence)
    {
        sequence = -1;
        if (text is null || !text.StartsWith(_prefix, StringComparison.Ordinal)) return false;
        var rest = text.AsSpan(_prefix.Length);
        var end = rest.IndexOf(' ');
        return int.TryParse(end < 0 ? rest : rest[..end], NumberStyles.None, CultureInfo.InvariantCulture, out sequence)
            && sequence < TotalMessages;
    }

    private void CountReason(string reason)
    {
        if (_reasons.Count >= MaxReasons && !_reasons.ContainsKey(reason)) reason = "(other reasons)";
        _reasons.AddOrUpdate(reason, 1, static (_, n) => n + 1);
    }

    private static void RaiseTo(ref long location, long value)
    {
        var current = Volatile.Read(ref location);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref location, value, current);
            if (seen == current) return;
            current = seen;
        }
    }
}
