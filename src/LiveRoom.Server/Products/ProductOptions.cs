using System.ComponentModel.DataAnnotations;

namespace LiveRoom.Server.Products;

/// <summary>Product cards (section <c>LiveRoom:Products</c>).</summary>
public sealed class ProductOptions
{
    public const string SectionName = "LiveRoom:Products";

    /// <summary>The largest product image staff may upload, in bytes (2 MiB).</summary>
    [Range(1_024, 20 * 1024 * 1024)]
    public int MaxImageBytes { get; set; } = 2 * 1024 * 1024;

    /// <summary>How many products one room's list may hold.</summary>
    [Range(1, 10_000)]
    public int MaxProductsPerRoom { get; set; } = 200;

    /// <summary>How long card clicks are gathered before they go to the CRM webhooks as one <c>card.clicked</c> event per room.</summary>
    [Range(1, 3_600)]
    public int ClickBatchSeconds { get; set; } = 10;
}
