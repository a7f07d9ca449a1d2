using System.ComponentModel.DataAnnotations;

namespace LiveRoom.Server.Options;

/// <summary>Per client address limits of the HTTP APIs that anyone may call.</summary>
public sealed class RateLimitOptions
{
    public const string SectionName = "LiveRoom:RateLimits";

    [Range(1, 1_000_000)]
    public int LoginsPerMinute { get; set; } = 10;

    [Range(1, 1_000_000)]
    public int ViewerIdentitiesPerMinute { get; set; } = 60;
}
