using System.Runtime.Serialization;

namespace LiveRoom.Contracts.Products;

/// <summary>
/// A product staff keep on a room's list, ready to be shown as a card. <see cref="Price"/> is display text
/// (e.g. <c>¥199</c>); <see cref="Link"/> is an absolute http(s) address; <see cref="ImageUrl"/> is served from
/// the media store (null until an image is uploaded).
/// </summary>
[GenerateSerializer, Immutable, Alias("LiveRoom.Product")]
[DataContract]
public sealed record Product(
    [property: Id(0), DataMember(Name = "id")] string Id,
    [property: Id(1), DataMember(Name = "roomId")] string RoomId,
    [property: Id(2), DataMember(Name = "title")] string Title,
    [property: Id(3), DataMember(Name = "price")] string Price,
    [property: Id(4), DataMember(Name = "link")] string Link,
    [property: Id(5), DataMember(Name = "couponCode")] string? CouponCode,
    [property: Id(6), DataMember(Name = "imageUrl")] string? ImageUrl,
    [property: Id(7), DataMember(Name = "createdAt")] DateTimeOffset CreatedAt,
    [property: Id(8), DataMember(Name = "updatedAt")] DateTimeOffset UpdatedAt);
