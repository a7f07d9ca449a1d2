using LiveRoom.Contracts.Funnel;

namespace LiveRoom.Server.Funnel;

/// <summary>
/// Where product cards shown during the stream will be marked on the timeline (kind <c>card</c>, the card's title
/// as the label). Product cards are room data of their own, not engagement: until they exist this source marks
/// nothing. Once a room's card shows are stored with their times, this reads them for the range and returns one
/// marker per show; nothing else in the funnel changes (docs/FUNNEL.md, "Timeline markers").
/// </summary>
internal sealed class CardShowMarkers : ITimelineMarkerSource
{
    public const string Kind = "card";

    public Task<IReadOnlyList<TimelineMarker>> GetMarkersAsync(string roomId, DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<TimelineMarker>>([]);
}
