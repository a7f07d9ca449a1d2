using LiveRoom.Contracts.Common;
using LiveRoom.Contracts.Funnel;

namespace LiveRoom.Server.Products;

/// <summary>Marks each product card shown during the stream on the funnel's timeline (kind <c>card</c>, the card's title as the label).</summary>
internal sealed class CardShowMarkers(IGrainFactory grains) : ITimelineMarkerSource
{
    public const string Kind = "card";

    public async Task<IReadOnlyList<TimelineMarker>> GetMarkersAsync(string roomId, DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellationToken = default)
    {
        var shelf = await grains.Room(roomId).GetShelfAsync();
        return [.. shelf
            .Where(card => (from is null || card.ShownAt >= from) && (to is null || card.ShownAt < to))
            .OrderBy(card => card.ShownAt)
            .Select(card => new TimelineMarker(card.ShownAt, Kind, card.Title))];
    }
}
