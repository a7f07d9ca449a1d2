namespace LiveRoom.Server.Products;

/// <summary>
/// Product images: JPEG, PNG or WebP, recognised by the file's first bytes (never by its name or the type the
/// client claims), kept in the media store under a public key so <c>/media</c> serves them to every viewer.
/// </summary>
public static class ProductImages
{
    public const string Jpeg = "image/jpeg";
    public const string Png = "image/png";
    public const string Webp = "image/webp";

    public static IReadOnlyList<string> Allowed { get; } = [Jpeg, Png, Webp];

    private static ReadOnlySpan<byte> PngSignature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private static ReadOnlySpan<byte> JpegSignature => [0xFF, 0xD8, 0xFF];

    /// <summary>The image type <paramref name="content"/> is, by its signature; null when it is none of the allowed ones.</summary>
    public static string? Sniff(ReadOnlySpan<byte> content)
    {
        if (content.StartsWith(PngSignature)) return Png;
        if (content.StartsWith(JpegSignature)) return Jpeg;
        if (content.Length >= 12 && content[..4].SequenceEqual("RIFF"u8) && content.Slice(8, 4).SequenceEqual("WEBP"u8)) return Webp;
        return null;
    }

    /// <summary>
    /// A new key for a product's image, <c>products/{roomId}/{productId}-{random}.{ext}</c>: a replaced image gets a
    /// new address, so browsers and caches never show the old one under it.
    /// </summary>
    public static string NewKey(string roomId, string productId, string mediaType) =>
        $"products/{roomId}/{productId.ToLowerInvariant()}-{Guid.NewGuid().ToString("N")[..12]}{Extension(mediaType)}";

    private static string Extension(string mediaType) => mediaType switch
    {
        Png => ".png",
        Webp => ".webp",
        _ => ".jpg",
    };
}
