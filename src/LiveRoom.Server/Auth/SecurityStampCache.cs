using System.Collections.Concurrent;
using LiveRoom.Storage.Staff;
using Microsoft.Extensions.Options;

namespace LiveRoom.Server.Auth;

/// <summary>
/// The current security stamp of each staff account, read from the database at most once per
/// <see cref="StaffSessionOptions.StampCacheDuration"/> per node, so checking it on every staff request stays cheap.
/// A change made on this node replaces the cached value at once.
/// </summary>
public sealed class SecurityStampCache(IStaffAccounts accounts, IOptions<StaffSessionOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private long _sequence;

    /// <summary>True when <paramref name="stamp"/> is the account's current stamp and the account is enabled.</summary>
    public async ValueTask<bool> IsCurrentAsync(string userId, string? stamp, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(stamp)) return false;
        var now = time.GetUtcNow();
        if (!_entries.TryGetValue(userId, out var entry) || now - entry.ReadAt >= options.Value.StampCacheDuration)
        {
            // A read that started before a change on this node must not put the old stamp back: newer entries win.
            var sequence = Interlocked.Increment(ref _sequence);
            var account = await accounts.FindByIdAsync(userId, cancellationToken);
            var read = new Entry(account is { Disabled: false } ? account.SecurityStamp : null, now, sequence);
            entry = _entries.AddOrUpdate(userId, read, (_, existing) => existing.Sequence > sequence ? existing : read);
        }

        return entry.Stamp is not null && string.Equals(entry.Stamp, stamp, StringComparison.Ordinal);
    }

    /// <summary>Forgets what this node knew of the account: the next check reads the database.</summary>
    public void Forget(string userId) =>
        _entries[userId] = new Entry(null, DateTimeOffset.MinValue, Interlocked.Increment(ref _sequence));

    private sealed record Entry(string? Stamp, DateTimeOffset ReadAt, long Sequence);
}
