using System.ComponentModel.DataAnnotations;

namespace LiveRoom.Server.Auth;

/// <summary>Staff sessions and sign-in limits (section <c>LiveRoom:Sessions</c>).</summary>
public sealed class StaffSessionOptions
{
    public const string SectionName = "LiveRoom:Sessions";

    /// <summary>
    /// How long a node trusts the security stamp it read for an account. A revocation on this node takes effect
    /// at once; on other nodes within this time.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan StampCacheDuration { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Failed sign-ins for one email (known or not) before it is locked out.</summary>
    [Range(1, 1000)]
    public int FailuresBeforeLockout { get; set; } = 5;

    /// <summary>The first lock-out; each further failure doubles it, up to <see cref="MaximumLockout"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan Lockout { get; set; } = TimeSpan.FromMinutes(1);

    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan MaximumLockout { get; set; } = TimeSpan.FromHours(1);
}
