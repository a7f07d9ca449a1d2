using Microsoft.Extensions.Options;

namespace LiveRoom.Server.Auth;

/// <summary>
/// Per-account back-off for staff sign-in, besides the per-address rate limit: after
/// <see cref="StaffSessionOptions.FailuresBeforeLockout"/> failures in a row for one email, that email is locked out
/// for <see cref="StaffSessionOptions.Lockout"/>, doubling with each further failure. The lock-out holds for the
/// client networks the failures came from, so someone guessing cannot lock the account's owner out from another
/// network; a network that has not failed yet may try, and its first failure locks it too (each guessing network
/// gets one try a lock-out). When more than <see cref="MaximumNetworks"/> networks have failed, the lock-out holds
/// for every network. Emails are tracked whether an account has them or not, so a lock-out says nothing about
/// which accounts exist. Kept in memory per node.
/// </summary>
public sealed class LoginBackoff(IOptions<StaffSessionOptions> options, TimeProvider time)
{
    /// <summary>Emails tracked at most; beyond it, entries whose lock-out is over are dropped first.</summary>
    private const int MaximumTracked = 100_000;

    /// <summary>Failing networks remembered per email; beyond it, the lock-out holds for every network.</summary>
    public const int MaximumNetworks = 16;

    private readonly Dictionary<string, State> _states = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>How long the email is still locked out for <paramref name="network"/>, or null when it may try.</summary>
    public TimeSpan? LockedFor(string email, string network)
    {
        var now = time.GetUtcNow();
        lock (_lock)
        {
            return _states.TryGetValue(Key(email), out var state) && state.LockedUntil > now && state.Holds(network) ? state.LockedUntil - now : null;
        }
    }

    /// <summary>Counts a failure from <paramref name="network"/>; the lock-out it starts, if any.</summary>
    public TimeSpan? Failed(string email, string network)
    {
        var settings = options.Value;
        var now = time.GetUtcNow();
        lock (_lock)
        {
            if (_states.Count >= MaximumTracked) Sweep(now);
            var state = _states.GetValueOrDefault(Key(email)) ?? new State(0, DateTimeOffset.MinValue, new HashSet<string>(StringComparer.Ordinal));
            var failures = state.Failures + 1;
            TimeSpan? lockout = null;
            if (failures >= settings.FailuresBeforeLockout)
            {
                var doublings = Math.Min(failures - settings.FailuresBeforeLockout, 30);
                var ticks = Math.Min(settings.Lockout.Ticks * Math.Pow(2, doublings), settings.MaximumLockout.Ticks);
                lockout = TimeSpan.FromTicks((long)ticks);
            }

            _states[Key(email)] = new State(failures, lockout is { } l ? now + l : state.LockedUntil, state.WithNetwork(network));
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

    /// <summary>One email's failures in a row, its lock-out, and the networks the failures came from (null once there were too many to tell apart).</summary>
    private sealed record State(int Failures, DateTimeOffset LockedUntil, IReadOnlySet<string>? Networks)
    {
        public bool Holds(string network) => Networks is null || Networks.Contains(network);

        public IReadOnlySet<string>? WithNetwork(string network)
        {
            if (Networks is null || Networks.Contains(network)) return Networks;
            return Networks.Count >= MaximumNetworks ? null : new HashSet<string>(Networks, StringComparer.Ordinal) { network };
        }
    }
}
