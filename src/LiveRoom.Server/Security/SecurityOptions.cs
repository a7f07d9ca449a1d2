namespace LiveRoom.Server.Security;

public sealed class SecurityOptions
{
    public const string SectionName = "LiveRoom:Security";

    /// <summary>Browser origins (besides this server's own) allowed to open the hub, e.g. an embedding site.</summary>
    public string[] AllowedOrigins { get; set; } = [];

    /// <summary>
    /// Reverse proxies (addresses, or CIDR networks such as 10.0.0.0/8) whose <c>X-Forwarded-For</c> and
    /// <c>X-Forwarded-Proto</c> are believed. Empty (the default): none, and the client is the TCP peer.
    /// </summary>
    public string[] TrustedProxies { get; set; } = [];

    /// <summary>How long a staff sign-in lasts.</summary>
    public TimeSpan StaffTokenLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>How long a viewer identity lasts.</summary>
    public TimeSpan ViewerTokenLifetime { get; set; } = TimeSpan.FromDays(7);
}
