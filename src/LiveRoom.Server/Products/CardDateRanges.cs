using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using LiveRoom.Contracts.Common;
using LiveRoom.Contracts.Products;
using LiveRoom.Server.Live;

namespace LiveRoom.Server.Products;

/// <summary>
/// Writes an <c>EXT-X-DATERANGE</c> into each live media playlist for every card shown within it, so any HLS
/// player sees when the card was shown, on the same clock as the playlist's <c>EXT-X-PROGRAM-DATE-TIME</c>:
/// <c>#EXT-X-DATERANGE:ID="card-…",CLASS="com.liveroom.card",START-DATE="…",X-PRODUCT-ID="…"</c>.
/// </summary>
/// <remarks>
/// Players fetch a live playlist every segment, so the room's shelf is read from its grain at most once a second
/// per room on this node. Cards dated before the playlist's first segment are left out: no player can reach them.
/// </remarks>
public sealed class CardDateRanges(IGrainFactory grains, TimeProvider time) : IMediaPlaylistAmender
{
    public const string CardClass = "com.liveroom.card";

    private static readonly TimeSpan ShelfLifetime = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<string, (DateTimeOffset ReadAt, Task<IReadOnlyList<ProductCard>> Shelf)> _shelves = new(StringComparer.Ordinal);

    public async ValueTask<string> AmendAsync(string roomId, string playlist, CancellationToken cancellationToken)
    {
        var first = MediaPlaylistTimes.First(playlist);
        if (first is null) return playlist;
        var shelf = await ShelfAsync(roomId).WaitAsync(cancellationToken);
        var lines = new StringBuilder();
        foreach (var card in shelf)
        {
            if (card.StreamTime < first.Value) continue;
            lines.Append(CultureInfo.InvariantCulture, $"#EXT-X-DATERANGE:ID=\"card-{card.Id}\",CLASS=\"{CardClass}\",START-DATE=\"{MediaPlaylistTimes.FormatDate(card.StreamTime)}\",X-PRODUCT-ID=\"{card.ProductId}\"\n");
        }

        return lines.Length == 0 ? playlist : Insert(playlist, lines.ToString());
    }

    /// <summary>The date ranges go after the playlist's header, before its first segment.</summary>
    private static string Insert(string playlist, string lines)
    {
        var at = playlist.IndexOf("\n#EXT-X-PROGRAM-DATE-TIME:", StringComparison.Ordinal);
        var segment = playlist.IndexOf("\n#EXTINF:", StringComparison.Ordinal);
        var discontinuity = playlist.IndexOf("\n#EXT-X-DISCONTINUITY\n", StringComparison.Ordinal);
        foreach (var candidate in new[] { segment, discontinuity })
        {
            if (candidate >= 0 && (at < 0 || candidate < at)) at = candidate;
        }

        return at < 0 ? playlist + lines : string.Concat(playlist.AsSpan(0, at + 1), lines, playlist.AsSpan(at + 1));
    }

    private Task<IReadOnlyList<ProductCard>> ShelfAsync(string roomId)
    {
        var now = time.GetUtcNow();
        var entry = _shelves.AddOrUpdate(
            roomId,
            _ => (now, grains.Room(roomId).GetShelfAsync()),
            (_, old) => now - old.ReadAt < ShelfLifetime && !old.Shelf.IsFaulted ? old : (now, grains.Room(roomId).GetShelfAsync()));
        if (_shelves.Count > 10_000) Trim(now);
        return entry.Shelf;
    }

    private void Trim(DateTimeOffset now)
    {
        foreach (var (roomId, entry) in _shelves)
        {
            if (now - entry.ReadAt > ShelfLifetime) _shelves.TryRemove(roomId, out _);
        }
    }
}
