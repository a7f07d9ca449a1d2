using LiveRoom.Contracts.Products;

namespace LiveRoom.Server.Hubs;

/// <summary>Product cards the host shows, each with the stream time at which a page shows it.</summary>
public partial interface IRoomClient
{
    Task cardShown(ProductCard[] cards);
}
