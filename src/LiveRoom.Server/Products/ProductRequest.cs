namespace LiveRoom.Server.Products;

/// <summary>What staff send to add or change a product; the image is uploaded on its own (<c>PUT …/image</c>).</summary>
public sealed record ProductRequest(string? Title, string? Price, string? Link, string? CouponCode);
