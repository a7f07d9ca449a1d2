using LiveRoom.Contracts.Common;
using LiveRoom.Contracts.Funnel;

namespace LiveRoom.Server.Funnel;

/// <summary>Marks the room's own moments on its timeline: its scheduled start, when it last went live, when it ended.</summary>
internal sealed class RoomLifecycleMarkers(IGrainFactory grains) : ITimelineMarkerSource
{
    public async Task<IReadOnlyList<TimelineMarker>> GetMarkersAsync(string roomId, DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellationToken = default)
    {
        var details = await grains.Room(roomId).GetDetailsAsync().WaitAsync(cancellationToken);
        if (details is null) return [];
        var info = details.Info;
        var markers = new List<TimelineMarker>();
        if (info.ScheduledStart is { } scheduled) markers.Add(new TimelineMarker(scheduled, "scheduled", "Scheduled start"));
        if (info.LiveSince is { } live) markers.Add(new TimelineMarker(live, "live", "Went live"));
        if (info.EndedAt is { } ended) markers.Add(new TimelineMarker(ended, "ended", "Ended"));
        return markers.Where(m => (from is null || m.At >= from) && (to is null || m.At < to)).ToList();
    }
}
