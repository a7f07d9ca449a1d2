namespace LiveRoom.LoadTests;

/// <summary>
/// What one connection received of the measured messages: one bit per message, so a second copy is seen as
/// a duplicate and a missing one can be counted exactly at the end.
/// </summary>
internal sealed class ViewerInbox
{
    private readonly long[] _bits;

    public ViewerInbox(int measuredMessages, bool isMessagePack)
    {
        _bits = new long[(measuredMessages + 63) / 64];
        IsMessagePack = isMessagePack;
    }

    public bool IsMessagePack { get; }

    /// <summary>Marks a message as received; false when it had been received before.</summary>
    public bool TryMark(int offset)
    {
        var mask = 1L << (offset & 63);
        var before = Interlocked.Or(ref _bits[offset >> 6], mask);
        return (before & mask) == 0;
    }

    public ReadOnlySpan<long> Bits => _bits;
}
