using LiveRoom.Contracts.Common;

namespace LiveRoom.Contracts.Products;

/// <summary>
/// The cards a room has shown (its shelf), in the order they were shown: the pinned product is the last one.
/// A role of the room grain (key: room id).
/// </summary>
[Alias("LiveRoom.IRoomProducts")]
public interface IRoomProducts : IGrainWithStringKey
{
    /// <summary>Puts the card on the shelf and sends it to every page in the room; refused when the room has ended.</summary>
    [Alias("ShowProduct")]
    Task<Outcome<ProductCard>> ShowProductAsync(ProductCard card);

    /// <summary>Every card shown in the room so far, oldest first.</summary>
    [Alias("GetShelf")]
    Task<IReadOnlyList<ProductCard>> GetShelfAsync();
}
