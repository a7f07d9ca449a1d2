using System.Security.Claims;
using LiveRoom.Contracts.Viewers;

namespace LiveRoom.Server.Auth;

/// <summary>Who is calling, read from a validated token. A viewer's identity is bound to one room.</summary>
public sealed record Caller(string Id, string DisplayName, ParticipantRole Role, string? RoomId)
{
    public const string RoomClaim = "liveroom:room";

    public bool IsStaff => Role != ParticipantRole.Viewer;

    /// <summary>True when this caller may act in <paramref name="roomId"/>: staff anywhere, a viewer in its own room.</summary>
    public bool CanEnter(string roomId) => IsStaff || string.Equals(RoomId, roomId, StringComparison.Ordinal);

    public static Caller? From(ClaimsPrincipal? user)
    {
        if (user?.Identity?.IsAuthenticated != true) return null;
        var id = user.FindFirstValue(ClaimTypes.NameIdentifier);
        var name = user.FindFirstValue(ClaimTypes.Name);
        var roleName = user.FindFirstValue(ClaimTypes.Role);
        if (string.IsNullOrEmpty(id) || name is null || roleName is null) return null;
        if (roleName == Roles.Viewer)
        {
            var room = user.FindFirstValue(RoomClaim);
            return string.IsNullOrEmpty(room) ? null : new Caller(id, name, ParticipantRole.Viewer, room);
        }

        return Roles.TryParseStaff(roleName, out var role) ? new Caller(id, name, role, null) : null;
    }
}
