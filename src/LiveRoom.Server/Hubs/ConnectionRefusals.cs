using LiveRoom.Server.Diagnostics;

namespace LiveRoom.Server.Hubs;

/// <summary>
/// One hub connection's refused calls: how many in the current minute (to close a connection that keeps
/// going), and the budget of lines written about them. Kept in the connection's items; thread-safe (calls
/// of one connection may overlap).
/// </summary>
internal sealed class ConnectionRefusals
{
    private const string ItemKey = "liveroom:refusals";
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private readonly Lock _lock = new();
    private DateTimeOffset _windowStart;
    private int _refused;
    private bool _closing;

    private ConnectionRefusals(int logLinesPerMinute, DateTimeOffset now)
    {
        _windowStart = now;
        Lines = new LogWindow(logLinesPerMinute, now);
    }

    /// <summary>The lines that may be written about this connection's refusals.</summary>
    public LogWindow Lines { get; }

    public static ConnectionRefusals Of(IDictionary<object, object?> items, int logLinesPerMinute, DateTimeOffset now)
    {
        lock (items)
        {
            if (items.TryGetValue(ItemKey, out var found) && found is ConnectionRefusals refusals) return refusals;
            refusals = new ConnectionRefusals(logLinesPerMinute, now);
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

    /// <summary>Counts one refusal; true once (and only once) the connection has gone past <paramref name="maxPerMinute"/>.</summary>
    public bool Count(DateTimeOffset now, int maxPerMinute, out int inWindow)
    {
        lock (_lock)
        {
            if (now - _windowStart >= Window)
            {
                _windowStart = now;
                _refused = 0;
            }

            inWindow = ++_refused;
            if (_closing || _refused <= maxPerMinute) return false;
            _closing = true;
            return true;
        }
    }
}
