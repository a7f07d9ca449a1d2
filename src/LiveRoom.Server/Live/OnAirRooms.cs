using System.Collections.Concurrent;
using LiveRoom.Contracts.Common;
using LiveRoom.Contracts.Rooms;
using LiveRoom.Media.Live;

namespace LiveRoom.Server.Live;

/// <summary>
/// Whether a room's live files may be served: while it is live, or interrupted (its last playlist stays, the
/// page shows the interruption); never once it has ended or before it went live. A room publishing on this
/// node is on air without asking; otherwise the room grain is asked, and the answer kept for two seconds so
/// players polling playlists do not each make a grain call.
/// </summary>
public sealed class OnAirRooms(IGrainFactory grains, LiveSessionManager sessions, TimeProvider time)
{
    private static readonly TimeSpan Fresh = TimeSpan.FromSeconds(2);

    private readonly ConcurrentDictionary<string, (bool OnAir, long CheckedAt)> _known = new(StringComparer.Ordinal);

    /// <summary>Only for rooms with live files on this node: that bounds what is kept.</summary>
    public async ValueTask<bool> IsOnAirAsync(string roomId, CancellationToken cancellationToken)
    {
        if (sessions.TryGet(roomId, out _)) return true;
        if (_known.TryGetValue(roomId, out var known) && time.GetElapsedTime(known.CheckedAt) < Fresh) return known.OnAir;
        var room = await grains.Room(roomId).GetDetailsAsync().WaitAsync(TimeSpan.FromSeconds(5), cancellationToken);
        var onAir = room?.Info.Status is RoomStatus.Live or RoomStatus.Interrupted;
        _known[roomId] = (onAir, time.GetTimestamp());
        return onAir;
    }

    /// <summary>The room's live files are gone: nothing to remember.</summary>
    public void Forget(string roomId) => _known.TryRemove(roomId, out _);
}
