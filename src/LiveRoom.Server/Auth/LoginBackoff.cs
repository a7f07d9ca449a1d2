using LiveRoom.Server.Options;
using Microsoft.Extensions.Options;

namespace LiveRoom.Server.Auth;

/// <summary>
/// Per-account back-off for staff sign-in, besides the per-address rate limit: after
/// <see cref="StaffSessionOptions.FailuresBeforeLockout"/> failures in a row for one email, that email is locked out
/// for <see cref="StaffSessionOptions.Lockout"/>, doubling with each further failure. Emails are tracked whether an
/// account has them or not, so a lock-out says nothing about which accounts exist. Kept in memory per node.
/// </summary>
public sealed class LoginBackoff(IOptions<StaffSessionOptions> options, TimeProvider time)
{
    /// <summary>Emails tracked at most; beyond it, entries whose lock-out is over are dropped first.</summary>
    private const int MaximumTracked = 100_000;

    private readonly Dictionary<string, State> _states = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>How long the email is still locked out, or null when it may try.</summary>
    public TimeSpan? LockedFor(string email)
    {
        var now = time.GetUtcNow();
        lock (_lock)
        {
            return _states.TryGetValue(Key(email), out var state) && state.LockedUntil > now ? state.LockedUntil - now : null;
        }
    }

    /// <summary>Counts a failure; the lock-out it starts, if any.</summary>
    public TimeSpan? Failed(string email)
    {
        var settings = options.Value;
        var now = time.GetUtcNow();
        lock (_lock)
        {
            if (_states.Count >= MaximumTracked) Sweep(now);
            var state = _states.GetValueOrDefault(Key(email)) ?? new State(0, DateTimeOffset.MinValue);
            var failures = state.Failures + 1;
            TimeSpan? lockout = null;
            if (failures >= settings.FailuresBeforeLockout)
            {
                var doublings = Math.Min(failures - settings.FailuresBeforeLockout, 30);
                var ticks = Math.Min(settings.Lockout.Ticks * Math.Pow(2, doublings), settings.MaximumLockout.Ticks);
                lockout = TimeSpan.FromTicks((long)ticks);
            }

            _states[Key(email)] = new State(failures, lockout is { } l ? now + l : state.LockedUntil);
            return lockout;
        }
    }

    public void Succeeded(string email)
    {
        lock (_lock) _states.Remove(Key(email));
    }

    private void Sweep(DateTimeOffset now)
    {
        foreach (var key in _states.Where(s => s.Value.LockedUntil <= now).Select(s => s.Key).ToArray()) _states.Remove(key);
        // Still full: every entry is locked out; forget the oldest locks rather than grow without bound.
        if (_states.Count >= MaximumTracked)
        {
            foreach (var key in _states.OrderBy(s => s.Value.LockedUntil).Take(MaximumTracked / 10).Select(s => s.Key).ToArray()) _states.Remove(key);
        }
    }

    private static string Key(string email) => email.Trim().ToLowerInvariant();

    private sealed record State(int Failures, DateTimeOffset LockedUntil);
}
