using LiveRoom.Contracts.Viewers;

namespace LiveRoom.Server.Auth;

/// <summary>Role names as they appear in tokens, and the policies built on them.</summary>
public static class Roles
{
    public const string Admin = "admin";
    public const string Host = "host";
    public const string Agent = "agent";
    public const string Marketer = "marketer";
    public const string Viewer = "viewer";

    /// <summary>Any member of staff.</summary>
    public const string StaffPolicy = "staff";

    /// <summary>Creates and runs rooms: admin, host.</summary>
    public const string RoomManagerPolicy = "room-manager";

    /// <summary>Moderates a room: admin, host, agent.</summary>
    public const string ModeratorPolicy = "moderator";

    public const string AdminPolicy = "admin";

    /// <summary>Works with a room's audience (leads, conversion figures): admin, host, marketer.</summary>
    public const string MarketingPolicy = "marketing";

    /// <summary>Staff signed in with the console cookie: for pages a browser navigates to (the jobs dashboard).</summary>
    public const string StaffPagePolicy = "staff-page";

    /// <summary>The cookie scheme the console sign-in also sets (HttpOnly, SameSite=Strict).</summary>
    public const string StaffCookieScheme = "staff-cookie";

    public static readonly string[] Staff = [Admin, Host, Agent, Marketer];
    public static readonly string[] RoomManagers = [Admin, Host];
    public static readonly string[] Moderators = [Admin, Host, Agent];
    public static readonly string[] Marketing = [Admin, Host, Marketer];

    public static string Name(ParticipantRole role) => role switch
    {
        ParticipantRole.Admin => Admin,
        ParticipantRole.Host => Host,
        ParticipantRole.Agent => Agent,
        ParticipantRole.Marketer => Marketer,
        _ => Viewer,
    };

    public static bool TryParseStaff(string? name, out ParticipantRole role)
    {
        role = name?.Trim().ToLowerInvariant() switch
        {
            Admin => ParticipantRole.Admin,
            Host => ParticipantRole.Host,
            Agent => ParticipantRole.Agent,
            Marketer => ParticipantRole.Marketer,
            _ => ParticipantRole.Viewer,
        };
        return role != ParticipantRole.Viewer;
    }

    /// <summary>Who takes private calls: hosts and agents (and admins). Marketers do not.</summary>
    public static bool TakesCalls(ParticipantRole role) => IsModerator(role);

    public static bool IsModerator(ParticipantRole role) =>
        role is ParticipantRole.Admin or ParticipantRole.Host or ParticipantRole.Agent;
}
