namespace LiveRoom.Storage.Media;

/// <summary>What a media store knows about one stored object.</summary>
/// <param name="Key">The object's key.</param>
/// <param name="Length">The whole object's length in bytes.</param>
/// <param name="ContentType">The content type given when it was stored.</param>
/// <param name="LastModified">When it was stored.</param>
/// <param name="ETag">A strong HTTP entity tag, quotes included; it changes whenever the object is replaced.</param>
public sealed record MediaObjectInfo(string Key, long Length, string ContentType, DateTimeOffset LastModified, string ETag);
