using LiveRoom.Contracts.Common;
using LiveRoom.Contracts.Products;

namespace LiveRoom.Server.Products;

/// <summary>What a product may hold: a title, a price text, an http(s) link and an optional coupon code.</summary>
public static class ProductRules
{
    public const int MaxTitleLength = 80;
    public const int MaxPriceLength = 32;
    public const int MaxLinkLength = 2_000;
    public const int MaxCouponLength = 40;

    public static Outcome<Product> Apply(ProductRequest request, string id, string roomId, DateTimeOffset createdAt, DateTimeOffset now, string? imageUrl)
    {
        var title = Line(request.Title, MaxTitleLength, "title");
        if (!title.IsSuccess) return Outcome<Product>.From(title.Refusal!);
        var price = Line(request.Price, MaxPriceLength, "price");
        if (!price.IsSuccess) return Outcome<Product>.From(price.Refusal!);
        var link = CheckLink(request.Link);
        if (!link.IsSuccess) return Outcome<Product>.From(link.Refusal!);
        string? coupon = null;
        if (!string.IsNullOrWhiteSpace(request.CouponCode))
        {
            var checkedCoupon = Line(request.CouponCode, MaxCouponLength, "coupon code");
            if (!checkedCoupon.IsSuccess) return Outcome<Product>.From(checkedCoupon.Refusal!);
            coupon = checkedCoupon.Value;
        }

        return Outcome<Product>.Ok(new Product(id, roomId, title.Value!, price.Value!, link.Value!, coupon, imageUrl, createdAt, now));
    }

    /// <summary>One line of text (a card has no room for more): present, not too long, no control characters.</summary>
    private static Outcome<string> Line(string? text, int maxLength, string what)
    {
        if (string.IsNullOrWhiteSpace(text)) return Outcome<string>.Refused(RefusalCode.Invalid, $"Give the product a {what}.");
        var checkedText = TextRules.Check(text, maxLength, what);
        if (!checkedText.IsSuccess) return checkedText;
        return checkedText.Value!.Any(char.IsControl)
            ? Outcome<string>.Refused(RefusalCode.Invalid, $"The {what} must be one line.")
            : checkedText;
    }

    /// <summary>
    /// An absolute <c>http</c> or <c>https</c> address with a host and no user name or password in it. Anything
    /// else (<c>javascript:</c>, <c>data:</c>, a relative path) is refused: a viewer's page opens this link.
    /// </summary>
    public static Outcome<string> CheckLink(string? link)
    {
        var text = link?.Trim();
        if (string.IsNullOrEmpty(text)) return Outcome<string>.Refused(RefusalCode.BadLink, "Give the product a link (an http or https address).");
        if (text.Length > MaxLinkLength) return Outcome<string>.Refused(RefusalCode.BadLink, $"The link is longer than {MaxLinkLength} characters.");
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || string.IsNullOrEmpty(uri.Host)
            || !string.IsNullOrEmpty(uri.UserInfo)
            || text.Any(char.IsControl))
        {
            return Outcome<string>.Refused(RefusalCode.BadLink, "The link must be an http or https address, e.g. https://shop.example.com/item/1.");
        }

        return Outcome<string>.Ok(uri.AbsoluteUri);
    }
}
