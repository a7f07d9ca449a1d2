namespace LiveRoom.Contracts.Products;

/// <summary>Rooms' product lists, kept in the business database. The image itself is in the media store; the list keeps its key.</summary>
public interface IProducts
{
    /// <summary>The room's products in the order they were added.</summary>
    Task<IReadOnlyList<Product>> ListAsync(string roomId, CancellationToken cancellationToken = default);

    Task<Product?> GetAsync(string roomId, string productId, CancellationToken cancellationToken = default);

    /// <summary>The media key of the product's image; null when it has none (or there is no such product).</summary>
    Task<string?> GetImageKeyAsync(string roomId, string productId, CancellationToken cancellationToken = default);

    /// <summary>How many products the room has.</summary>
    Task<int> CountAsync(string roomId, CancellationToken cancellationToken = default);

    /// <summary>Adds the product (its image comes later, through <see cref="SetImageAsync"/>).</summary>
    Task AddAsync(Product product, CancellationToken cancellationToken = default);

    /// <summary>Replaces the product's title, price, link, coupon code and time of change; null when there is no such product.</summary>
    Task<Product?> UpdateAsync(Product product, CancellationToken cancellationToken = default);

    /// <summary>Points the product at a new image; null when there is no such product.</summary>
    Task<Product?> SetImageAsync(string roomId, string productId, string imageKey, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>Deletes the product; false when there was none.</summary>
    Task<bool> DeleteAsync(string roomId, string productId, CancellationToken cancellationToken = default);
}
