namespace LiveRoom.Server.Hubs;

/// <summary>
/// One hub connection's refused calls in the current minute: how many there were, how many were logged,
/// how many were not. Kept in the connection's items; thread-safe (calls of one connection may overlap).
/// </summary>
internal sealed class ConnectionRefusals
{
    private const string ItemKey = "liveroom:refusals";
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private readonly Lock _lock = new();
    private DateTimeOffset _windowStart;
    private int _refused;
    private int _logged;
    private int _unlogged;
    private bool _closing;

    private ConnectionRefusals(DateTimeOffset now) => _windowStart = now;

    public static ConnectionRefusals Of(IDictionary<object, object?> items, DateTimeOffset now)
    {
        lock (items)
        {
            if (items.TryGetValue(ItemKey, out var found) && found is ConnectionRefusals refusals) return refusals;
            refusals = new ConnectionRefusals(now);
            items[ItemKey] = refusals;
            return refusals;
        }
    }

    /// <summary>The connection's refusals, if it had any.</summary>
    public static ConnectionRefusals? Find(IDictionary<object, object?> items)
    {
        lock (items)
        {
            return items.TryGetValue(ItemKey, out var found) ? found as ConnectionRefusals : null;
        }
    }

    /// <summary>
    /// Whether one more line about this connection's refusals may be written this minute. <paramref name="ended"/>
    /// is set to the lines held back in the minute that just ended, to be summed up in one line.
    /// </summary>
    public bool MayLog(DateTimeOffset now, int linesPerMinute, out int ended)
    {
        lock (_lock)
        {
            ended = Roll(now);
            if (_logged < linesPerMinute)
            {
                _logged++;
                return true;
            }

            _unlogged++;
            return false;
        }
    }

    /// <summary>Counts one refusal; true once (and only once) the connection has gone past <paramref name="maxPerMinute"/>.</summary>
    public bool Count(DateTimeOffset now, int maxPerMinute, out int inWindow)
    {
        lock (_lock)
        {
            Roll(now);
            inWindow = ++_refused;
            if (_closing || _refused <= maxPerMinute) return false;
            _closing = true;
            return true;
        }
    }

    /// <summary>The lines held back and not yet summed up (at the end of the connection).</summary>
    public int TakeUnlogged()
    {
        lock (_lock)
        {
            var unlogged = _unlogged;
            _unlogged = 0;
            return unlogged;
        }
    }

    private int Roll(DateTimeOffset now)
    {
        if (now - _windowStart < Window) return 0;
        var ended = _unlogged;
        _windowStart = now;
        _refused = 0;
        _logged = 0;
        _unlogged = 0;
        return ended;
    }
}
