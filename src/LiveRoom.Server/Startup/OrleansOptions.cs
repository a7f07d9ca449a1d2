using System.ComponentModel.DataAnnotations;

namespace LiveRoom.Server.Startup;

/// <summary>The grain runtime (embedded mode: one silo on localhost).</summary>
public sealed class OrleansOptions
{
    public const string SectionName = "LiveRoom:Orleans";

    [Range(1, 65_535)]
    public int SiloPort { get; set; } = 11111;

    [Range(1, 65_535)]
    public int GatewayPort { get; set; } = 30000;

    [Required]
    public string ClusterId { get; set; } = "liveroom";

    [Required]
    public string ServiceId { get; set; } = "liveroom";

    /// <summary>
    /// How many grain addresses the runtime's directory cache remembers. The cache sets aside room for all of
    /// them when the silo starts (Orleans' default of 1,000,000 holds about 18 MB before the first grain is
    /// made); a node that serves a few thousand viewers needs far fewer, and a miss only costs a directory look-up.
    /// </summary>
    [Range(1_000, 10_000_000)]
    public int DirectoryCacheSize { get; set; } = 100_000;
}
