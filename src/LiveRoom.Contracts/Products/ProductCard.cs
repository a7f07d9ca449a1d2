using System.Runtime.Serialization;

namespace LiveRoom.Contracts.Products;

/// <summary>
/// A product as the host showed it: what viewers see on the card (copied at that moment) and when it was shown.
/// <see cref="ShownAt"/> is the server's wall clock (the chat's clock, which places the card in a replay);
/// <see cref="StreamTime"/> is the same moment on the stream's clock, the one HLS media playlists write in
/// <c>EXT-X-PROGRAM-DATE-TIME</c>: a page shows the card when its player's playing date reaches it.
/// </summary>
[GenerateSerializer, Immutable, Alias("LiveRoom.ProductCard")]
[DataContract]
public sealed record ProductCard(
    [property: Id(0), DataMember(Name = "id")] string Id,
    [property: Id(1), DataMember(Name = "roomId")] string RoomId,
    [property: Id(2), DataMember(Name = "productId")] string ProductId,
    [property: Id(3), DataMember(Name = "title")] string Title,
    [property: Id(4), DataMember(Name = "price")] string Price,
    [property: Id(5), DataMember(Name = "link")] string Link,
    [property: Id(6), DataMember(Name = "couponCode")] string? CouponCode,
    [property: Id(7), DataMember(Name = "imageUrl")] string? ImageUrl,
    [property: Id(8), DataMember(Name = "shownAt")] DateTimeOffset ShownAt,
    [property: Id(9), DataMember(Name = "streamTime")] DateTimeOffset StreamTime);
