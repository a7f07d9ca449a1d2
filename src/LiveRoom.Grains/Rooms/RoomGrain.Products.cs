using LiveRoom.Contracts.Common;
using LiveRoom.Contracts.Products;

namespace LiveRoom.Grains.Rooms;

/// <summary>Product cards: the shelf of cards shown, saved before each goes out in the room's frame.</summary>
public sealed partial class RoomGrain
{
    /// <summary>How many cards a shelf keeps; the oldest goes first.</summary>
    internal const int MaxShelfCards = 500;

    public async Task<Outcome<ProductCard>> ShowProductAsync(ProductCard card)
    {
        if (Unavailable() is { } refusal) return Outcome<ProductCard>.From(refusal);
        var shelf = _state.State.Shelf;
        shelf.Add(card with { RoomId = RoomId });
        if (shelf.Count > MaxShelfCards) shelf.RemoveRange(0, shelf.Count - MaxShelfCards);
        await _state.WriteStateAsync();
        _pending.Add(shelf[^1]);
        ScheduleFlush();
        Log.CardShown(_logger, RoomId, card.ProductId, card.StreamTime);
        return Outcome<ProductCard>.Ok(shelf[^1]);
    }

    public Task<IReadOnlyList<ProductCard>> GetShelfAsync() => Task.FromResult<IReadOnlyList<ProductCard>>([.. _state.State.Shelf]);
}
