namespace LiveRoom.Media.Rtmp;

/// <summary>
/// The bytes every RTMP connection together may hold in partly received messages
/// (<see cref="RtmpServerOptions.MaxBufferedBytesTotal"/>), so that many connections cannot add up to more
/// than one connection may hold alone. Readers reserve a message's declared length before allocating it and
/// give it back when the message is complete or the connection closes.
/// </summary>
public sealed class RtmpBufferBudget(long capacity)
{
    private long _used;

    public static RtmpBufferBudget Unlimited { get; } = new(long.MaxValue);

    public long Capacity { get; } = capacity;

    /// <summary>Bytes reserved now, across all connections.</summary>
    public long Used => Interlocked.Read(ref _used);

    public bool TryReserve(long bytes)
    {
        var used = Interlocked.Add(ref _used, bytes);
        if (used <= Capacity) return true;
        Interlocked.Add(ref _used, -bytes);
        return false;
    }

    public void Release(long bytes) => Interlocked.Add(ref _used, -bytes);
}
