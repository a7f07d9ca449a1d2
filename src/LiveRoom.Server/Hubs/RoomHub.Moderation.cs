using LiveRoom.Contracts.Common;
using LiveRoom.Contracts.Moderation;
using LiveRoom.Contracts.Viewers;
using LiveRoom.Server.Auth;

namespace LiveRoom.Server.Hubs;

/// <summary>Staff methods that moderate viewers beyond one message: bans and the "new here" wait.</summary>
public sealed partial class RoomHub
{
    /// <summary>
    /// Bans a viewer (or lifts the ban) in the room: the identity, and every client network it was issued
    /// to or joined from, which then gets no new identity for this room and cannot join or chat.
    /// </summary>
    public async Task<Participant> BanViewer(string roomId, string viewerId, bool banned)
    {
        var caller = EnterModerator(roomId);
        var participant = Unwrap(caller, roomId, await ViewerIn(caller, roomId, viewerId).SetBannedAsync(banned));
        Log.Moderated(logger, roomId, caller.Id, banned ? "ban" : "unban", viewerId);
        return participant;
    }

    /// <summary>The room's moderation settings (staff).</summary>
    public async Task<ModerationSettings> GetModeration(string roomId)
    {
        var caller = EnterModerator(roomId);
        return await grains.Room(roomId).GetModerationAsync() ?? throw Refused(caller, roomId, Refusals.RoomNotFound);
    }

    /// <summary>How long (seconds, 0 = off) a new viewer identity must wait before its first message in the room.</summary>
    public async Task<ModerationSettings> SetNewViewerDelay(string roomId, int seconds)
    {
        var caller = EnterModerator(roomId);
        var settings = Unwrap(caller, roomId, await grains.Room(roomId).SetNewViewerDelayAsync(seconds));
        Log.Moderated(logger, roomId, caller.Id, "new-viewer-delay", seconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return settings;
    }

    /// <summary>The grain of the viewer a moderator names; an id that cannot be one is refused as unknown.</summary>
    private IViewerGrain ViewerIn(Caller caller, string roomId, string? viewerId) =>
        string.IsNullOrEmpty(viewerId) || viewerId.Contains('/', StringComparison.Ordinal)
            ? throw Refused(caller, roomId, new Refusal(RefusalCode.NotFound, "There is no such viewer in this room."))
            : grains.Viewer(roomId, viewerId);
}
