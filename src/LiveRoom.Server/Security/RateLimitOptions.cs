using System.ComponentModel.DataAnnotations;

namespace LiveRoom.Server.Security;

/// <summary>Per client address limits of the HTTP APIs that anyone may call.</summary>
public sealed class RateLimitOptions
{
    public const string SectionName = "LiveRoom:RateLimits";

    [Range(1, 1_000_000)]
    public int LoginsPerMinute { get; set; } = 10;

    /// <summary>How fast the bucket of new viewer identities per room and client network refills.</summary>
    [Range(1, 1_000_000)]
    public int ViewerIdentitiesPerMinute { get; set; } = 120;

    /// <summary>
    /// How many viewer identities one client network (IPv4 address or IPv6 /64) may take in one room at
    /// once: an office of 2,000 people behind one NAT gets in at the start of a show.
    /// </summary>
    [Range(1, 1_000_000)]
    public int ViewerIdentityBurst { get; set; } = 2_000;

    /// <summary>Chat history pages one client network may read at once (pages catching up after a drop).</summary>
    [Range(1, 1_000_000)]
    public int ChatHistoryBurst { get; set; } = 600;

    /// <summary>How fast that bucket refills.</summary>
    [Range(1, 1_000_000)]
    public int ChatHistoryPerMinute { get; set; } = 1_200;
}
