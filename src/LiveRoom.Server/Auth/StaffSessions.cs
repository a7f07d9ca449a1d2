using System.Security.Claims;
using LiveRoom.Storage.Staff;

namespace LiveRoom.Server.Auth;

/// <summary>
/// Whether a staff token or cookie is still good (its security stamp is the account's current one), and
/// ending every session of an account: a new stamp, this node's cache updated, its hub connections closed.
/// Viewer identities are not accounts and carry no stamp.
/// </summary>
public sealed partial class StaffSessions(IStaffAccounts accounts, SecurityStampCache stamps, StaffConnections connections, ILogger<StaffSessions> logger)
{
    /// <summary>The claim that carries the account's security stamp in staff tokens and cookies.</summary>
    public const string StampClaim = "liveroom:stamp";

    /// <summary>True for anyone who is not signed-in staff, and for staff whose stamp is current.</summary>
    public async ValueTask<bool> IsCurrentAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (!IsStaff(user)) return true;
        var id = user.FindFirstValue(ClaimTypes.NameIdentifier);
        return id is not null && await stamps.IsCurrentAsync(id, user.FindFirstValue(StampClaim), cancellationToken);
    }

    /// <summary>Ends every session of the account (sign-out); false when there is no such account.</summary>
    public async Task<bool> RevokeAsync(string userId, string reason, CancellationToken cancellationToken)
    {
        var changed = await accounts.RotateSecurityStampAsync(userId, cancellationToken) is not null;
        Ended(userId, reason);
        return changed;
    }

    /// <summary>The account's stamp was changed in storage (password, disabled, deleted): stop trusting what this node knew.</summary>
    public void Ended(string userId, string reason)
    {
        stamps.Forget(userId);
        var closed = connections.AbortAll(userId);
        Log.SessionsEnded(logger, userId, reason, closed);
    }

    public static bool IsStaff(ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true) return false;
        // Viewers make most calls: settle them without parsing.
        var role = user.FindFirstValue(ClaimTypes.Role);
        return role is not null && role != Roles.Viewer && Roles.TryParseStaff(role, out _);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "Ended every session of staff {UserId} ({Reason}); closed {Connections} hub connections on this node")]
        public static partial void SessionsEnded(ILogger logger, string userId, string reason, int connections);
    }
}
