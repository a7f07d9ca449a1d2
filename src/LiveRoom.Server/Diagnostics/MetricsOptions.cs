namespace LiveRoom.Server.Diagnostics;

/// <summary>Who may read <c>/metrics</c> (section <c>LiveRoom:Metrics</c>).</summary>
public sealed class MetricsOptions
{
    public const string SectionName = "LiveRoom:Metrics";

    /// <summary>
    /// Client networks (CIDR, comma-separated, e.g. <c>10.0.0.0/8, 127.0.0.0/8</c>) that may read the metrics
    /// without a token; loopback by default, empty for none. The address is the TCP peer's: behind a reverse
    /// proxy on the same machine everyone is loopback, so there set this empty and use <see cref="ScrapeToken"/>.
    /// (One string rather than a list: configuration can add to a list's default but never empty it.)
    /// </summary>
    public string AllowedNetworks { get; set; } = "127.0.0.0/8, ::1/128";

    /// <summary>The networks of <see cref="AllowedNetworks"/>, as written.</summary>
    public IEnumerable<string> Networks() => AllowedNetworks.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>A scraper sending <c>Authorization: Bearer &lt;ScrapeToken&gt;</c> may read the metrics from anywhere. Empty: none.</summary>
    public string? ScrapeToken { get; set; }
}
