namespace LiveRoom.Server.Options;

public sealed class SecurityOptions
{
    public const string SectionName = "LiveRoom:Security";

    /// <summary>Browser origins (besides this server's own) allowed to open the hub, e.g. an embedding site.</summary>
    public string[] AllowedOrigins { get; set; } = [];

    /// <summary>How long a staff sign-in lasts.</summary>
    public TimeSpan StaffTokenLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>How long a viewer identity lasts.</summary>
    public TimeSpan ViewerTokenLifetime { get; set; } = TimeSpan.FromDays(7);
}
