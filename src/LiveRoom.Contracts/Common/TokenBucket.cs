namespace LiveRoom.Contracts.Common;

/// <summary>
/// A rate limit: up to <c>burst</c> actions at once, refilled at <c>ratePerSecond</c>. Not thread-safe
/// (each grain or connection owns its own).
/// </summary>
public sealed class TokenBucket
{
    private readonly double _ratePerSecond;
    private readonly double _burst;
    private double _tokens;
    private DateTimeOffset _updatedAt;

    public TokenBucket(double ratePerSecond, double burst, DateTimeOffset now)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ratePerSecond);
        ArgumentOutOfRangeException.ThrowIfLessThan(burst, 1);
        _ratePerSecond = ratePerSecond;
        _burst = burst;
        _tokens = burst;
        _updatedAt = now;
    }

    /// <summary>Takes one token if there is one.</summary>
    public bool TryTake(DateTimeOffset now)
    {
        var elapsed = (now - _updatedAt).TotalSeconds;
        if (elapsed > 0)
        {
            _tokens = Math.Min(_burst, _tokens + (elapsed * _ratePerSecond));
            _updatedAt = now;
        }

        if (_tokens < 1) return false;
        _tokens -= 1;
        return true;
    }
}
