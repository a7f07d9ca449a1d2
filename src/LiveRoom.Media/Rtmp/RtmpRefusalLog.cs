using Microsoft.Extensions.Logging;

namespace LiveRoom.Media.Rtmp;

/// <summary>
/// Logs why connections that never published were refused, evicted or closed, at a bounded rate: up to
/// <c>linesPerMinute</c> lines a minute, one each, then one summary line for the rest of that minute. Anyone
/// can open connections, so what they cause must not grow the log without bound; a publisher whose publish
/// was accepted is logged in full.
/// </summary>
internal sealed partial class RtmpRefusalLog(ILogger logger, TimeProvider clock, int linesPerMinute)
{
    private const int MaxAddressesCounted = 10_000;
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly object _lock = new();
    private readonly HashSet<UInt128> _addresses = [];
    private DateTimeOffset _windowStart = clock.GetUtcNow();
    private int _lines;
    private int _suppressed;

    public void Report(string peer, UInt128 address, string reason)
    {
        lock (_lock)
        {
            FlushIfDue();
            if (_lines < linesPerMinute)
            {
                _lines++;
                Log.Refused(logger, peer, reason);
                return;
            }

            _suppressed++;
            if (_addresses.Count < MaxAddressesCounted) _addresses.Add(address);
        }
    }

    /// <summary>Writes the summary of a minute that has passed (called now and then, so the last one is not lost when refusals stop).</summary>
    public void FlushIfDue()
    {
        lock (_lock)
        {
            var now = clock.GetUtcNow();
            if (now - _windowStart < Window) return;
            if (_suppressed > 0)
            {
                var addresses = _addresses.Count >= MaxAddressesCounted ? $"{MaxAddressesCounted}+" : _addresses.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
                Log.Summary(logger, _suppressed, (int)(now - _windowStart).TotalSeconds, addresses);
            }

            _windowStart = now;
            _lines = 0;
            _suppressed = 0;
            _addresses.Clear();
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 7150, Level = LogLevel.Warning, Message = "RTMP {Peer} refused before publishing: {Reason}")]
        public static partial void Refused(ILogger logger, string peer, string reason);

        [LoggerMessage(EventId = 7151, Level = LogLevel.Warning, Message = "RTMP: {Count} more connections were refused, evicted or closed before publishing in the last {Seconds} s, from {Addresses} addresses (not logged one by one)")]
        public static partial void Summary(ILogger logger, int count, int seconds, string addresses);
    }
}
