namespace LiveRoom.Server.Diagnostics;

/// <summary>
/// A budget of log lines per minute for something a caller can make happen at will: up to
/// <c>linesPerMinute</c> lines, then none until the minute is over, when the lines held back are handed out
/// once, to be summed up in one line. Thread-safe.
/// </summary>
public sealed class LogWindow(int linesPerMinute, DateTimeOffset now)
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private readonly Lock _lock = new();
    private DateTimeOffset _windowStart = now;
    private int _logged;
    private int _heldBack;

    /// <summary>
    /// Whether one more line may be written now. <paramref name="heldBackBefore"/> is set to the lines held
    /// back in a minute that has just ended (to be summed up), once.
    /// </summary>
    public bool TryTake(DateTimeOffset now, out int heldBackBefore)
    {
        lock (_lock)
        {
            heldBackBefore = 0;
            if (now - _windowStart >= Window)
            {
                heldBackBefore = _heldBack;
                _windowStart = now;
                _logged = 0;
                _heldBack = 0;
            }

            if (_logged < linesPerMinute)
            {
                _logged++;
                return true;
            }

            _heldBack++;
            return false;
        }
    }

    /// <summary>The lines held back and not summed up yet (at the end, when nothing more will come).</summary>
    public int TakeHeldBack()
    {
        lock (_lock)
        {
            var heldBack = _heldBack;
            _heldBack = 0;
            return heldBack;
        }
    }
}
