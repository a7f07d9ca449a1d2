namespace LiveRoom.Storage.Media;

/// <summary>
/// Where recordings, posters and attachments live: a folder in the data directory (embedded mode) or an
/// Azure Blob Storage container (cluster mode). Keys are checked by <see cref="MediaKeys"/>; every method
/// throws <see cref="ArgumentException"/> for a key that is not valid. Objects are served to browsers by
/// the server itself at <see cref="MediaKeys.ServedPath"/>, reading them through this interface.
/// </summary>
public interface IMediaStore
{
    /// <summary>
    /// Stores <paramref name="content"/> (read to its end) under <paramref name="key"/>, replacing what was
    /// there. All or nothing: until the whole content has been read and stored, readers see the previous
    /// object (or none); if reading the content fails or is cancelled, nothing changes.
    /// </summary>
    Task PutAsync(string key, Stream content, string contentType, CancellationToken cancellationToken = default);

    /// <summary>The object's length, content type, time and entity tag; null when there is no such object.</summary>
    Task<MediaObjectInfo?> GetInfoAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Opens the whole object for reading; null when there is no such object. Dispose the result.</summary>
    Task<MediaObject?> OpenReadAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>
    /// Opens <paramref name="length"/> bytes from <paramref name="offset"/> (to the end when null) for an
    /// HTTP range read; null when there is no such object. A range that reaches past the end is cut at the
    /// end, and one that starts at or past the end gives empty content: compare with
    /// <see cref="MediaObjectInfo.Length"/> to answer 416. Dispose the result.
    /// </summary>
    Task<MediaObject?> OpenReadAsync(string key, long offset, long? length, CancellationToken cancellationToken = default);

    Task<bool> ExistsAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Deletes the object; false when there was none.</summary>
    Task<bool> DeleteAsync(string key, CancellationToken cancellationToken = default);
}
