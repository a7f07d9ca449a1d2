namespace LiveRoom.Grains.Delivery;

/// <summary>
/// Coalesces a grain's outgoing events: <see cref="Schedule"/> sends at once when the last send is older than
/// the interval (an idle grain answers without delay), else once the interval has passed, so a busy grain
/// sends at most one batch per interval however many events it has. Runs on the grain's timers and its
/// TimeProvider (the clock Orleans runs grain timers on); used from the grain's own turns only.
/// </summary>
public sealed class FrameBatcher(IGrainBase grain, TimeProvider time, TimeSpan interval, Action send)
{
    private long? _lastSendTimestamp;
    private bool _scheduled;
    private IGrainTimer? _timer;

    /// <summary>Sends now when the last batch is older than the interval, else once it is.</summary>
    public void Schedule()
    {
        if (_scheduled) return;
        var sinceLast = _lastSendTimestamp is { } last ? time.GetElapsedTime(last) : TimeSpan.MaxValue;
        if (sinceLast >= interval)
        {
            SendNow();
            return;
        }

        _scheduled = true;
        var due = interval - sinceLast;
        if (_timer is null)
        {
            _timer = grain.RegisterGrainTimer(SendFromTimerAsync, new GrainTimerCreationOptions(due, Timeout.InfiniteTimeSpan) { KeepAlive = false });
        }
        else
        {
            _timer.Change(due, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>Sends what is pending at once (a status change that must not wait).</summary>
    public void SendNow()
    {
        _lastSendTimestamp = time.GetTimestamp();
        send();
    }

    private Task SendFromTimerAsync(CancellationToken cancellationToken)
    {
        _scheduled = false;
        SendNow();
        return Task.CompletedTask;
    }
}
