namespace LiveRoom.Contracts.Funnel;

/// <summary>
/// Something that marks moments on a room's funnel timeline (the room's lifecycle, product cards shown, …). Every
/// registered source is asked; a new kind of room data adds a source, nothing else changes.
/// </summary>
public interface ITimelineMarkerSource
{
    Task<IReadOnlyList<TimelineMarker>> GetMarkersAsync(string roomId, DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellationToken = default);
}
