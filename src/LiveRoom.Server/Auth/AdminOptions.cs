namespace LiveRoom.Server.Auth;

/// <summary>The first admin (<c>LIVEROOM_ADMIN_EMAIL</c> / <c>LIVEROOM_ADMIN_PASSWORD</c>).</summary>
public sealed class AdminOptions
{
    public const string SectionName = "LiveRoom:Admin";

    public string Email { get; set; } = "admin@liveroom.local";

    /// <summary>
    /// The admin's password. When unset, one is generated at first start, printed, and kept in
    /// <c>initial-admin-password.txt</c> in the data directory until the admin changes it. When set, it
    /// replaces the stored one at start (a way back in for an operator).
    /// </summary>
    public string? Password { get; set; }
}
