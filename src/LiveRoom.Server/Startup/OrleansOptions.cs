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
}
