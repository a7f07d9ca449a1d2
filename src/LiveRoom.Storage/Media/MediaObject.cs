namespace LiveRoom.Storage.Media;

/// <summary>An object opened for reading: <see cref="Content"/> yields <see cref="Length"/> bytes from <see cref="Offset"/>.</summary>
public sealed class MediaObject : IDisposable, IAsyncDisposable
{
    public MediaObject(MediaObjectInfo info, Stream content, long offset, long length)
    {
        ArgumentNullException.ThrowIfNull(info);
        ArgumentNullException.ThrowIfNull(content);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        Info = info;
        Content = content;
        Offset = offset;
        Length = length;
    }

    /// <summary>The whole object (its <see cref="MediaObjectInfo.Length"/> is the total, for <c>Content-Range</c>).</summary>
    public MediaObjectInfo Info { get; }

    /// <summary>The bytes read; owned by this object.</summary>
    public Stream Content { get; }

    /// <summary>Where in the object <see cref="Content"/> starts.</summary>
    public long Offset { get; }

    /// <summary>How many bytes <see cref="Content"/> yields.</summary>
    public long Length { get; }

    public void Dispose() => Content.Dispose();

    public ValueTask DisposeAsync() => Content.DisposeAsync();
}
