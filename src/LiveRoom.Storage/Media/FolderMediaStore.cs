using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace LiveRoom.Storage.Media;

/// <summary>
/// The media store of embedded mode: one file per key under a root folder (the data directory's
/// <c>media</c>), with its content type in a hidden <c>.{name}.meta</c> file beside it. A put writes a
/// hidden temporary file in the same folder, syncs it to disk and renames it over the final name, so a
/// reader sees the old file or the new one, never part of one.
/// </summary>
public sealed partial class FolderMediaStore : IMediaStore
{
    private const string TempSuffix = ".tmp";
    private const string MetaSuffix = ".meta";
    private const int CopyBufferSize = 128 * 1024;

    /// <summary>
    /// Held only for the renames that publish an object (data and meta), for opening both to read, and for
    /// deleting both, so a reader never pairs a new file with an old content type. No I/O wait under it but
    /// renames and a small read. Static: two stores on the same folder must share it (one process owns the
    /// data directory in embedded mode).
    /// </summary>
    private static readonly Lock PublishLock = new();

    private readonly ILogger _logger;

    public FolderMediaStore(string rootDirectory, ILogger<FolderMediaStore>? logger = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(rootDirectory);
        RootDirectory = Path.GetFullPath(rootDirectory);
        Directory.CreateDirectory(RootDirectory);
        _logger = logger ?? NullLogger<FolderMediaStore>.Instance;
    }

    public string RootDirectory { get; }

    /// <summary>The file that holds <paramref name="key"/> (whether or not it exists), for serving it directly.</summary>
    public string GetFilePath(string key)
    {
        MediaKeys.ThrowIfInvalid(key);
        return Path.Combine(RootDirectory, key.Replace('/', Path.DirectorySeparatorChar));
    }

    public async Task PutAsync(string key, Stream content, string contentType, CancellationToken cancellationToken = default)
    {
        var path = GetFilePath(key);
        ArgumentNullException.ThrowIfNull(content);
        MediaContentTypes.ThrowIfInvalid(contentType);

        var folder = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(folder);
        var name = Path.GetFileName(path);
        var unique = Guid.NewGuid().ToString("N");
        var temp = Path.Combine(folder, $".{name}.{unique}{TempSuffix}");
        var metaTemp = Path.Combine(folder, $".{name}.{unique}{MetaSuffix}{TempSuffix}");
        try
        {
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, CopyBufferSize, FileOptions.Asynchronous))
            {
                await content.CopyToAsync(file, CopyBufferSize, cancellationToken);
                await file.FlushAsync(cancellationToken);
                file.Flush(flushToDisk: true);
            }

            await using (var meta = new FileStream(metaTemp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.Asynchronous))
            {
                await JsonSerializer.SerializeAsync(meta, new FolderMeta(contentType), cancellationToken: cancellationToken);
                await meta.FlushAsync(cancellationToken);
                meta.Flush(flushToDisk: true);
            }

            cancellationToken.ThrowIfCancellationRequested();
            lock (PublishLock)
            {
                File.Move(metaTemp, MetaPath(path), overwrite: true);
                File.Move(temp, path, overwrite: true);
            }
        }
        catch
        {
            DeleteQuietly(temp);
            DeleteQuietly(metaTemp);
            throw;
        }
    }

    public Task<MediaObjectInfo?> GetInfoAsync(string key, CancellationToken cancellationToken = default)
    {
        var path = GetFilePath(key);
        lock (PublishLock)
        {
            var file = new FileInfo(path);
            if (!file.Exists) return Task.FromResult<MediaObjectInfo?>(null);
            return Task.FromResult<MediaObjectInfo?>(Info(key, file.Length, file.LastWriteTimeUtc, ReadContentType(path)));
        }
    }

    public Task<MediaObject?> OpenReadAsync(string key, CancellationToken cancellationToken = default) =>
        OpenReadAsync(key, 0, null, cancellationToken);

    public Task<MediaObject?> OpenReadAsync(string key, long offset, long? length, CancellationToken cancellationToken = default)
    {
        var path = GetFilePath(key);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        if (length is { } requested) ArgumentOutOfRangeException.ThrowIfNegative(requested, nameof(length));

        FileStream? stream = null;
        try
        {
            string contentType;
            lock (PublishLock)
            {
                try
                {
                    // FileShare.Delete: a put or a delete may replace or remove the name while this reads the old file.
                    stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, CopyBufferSize, FileOptions.Asynchronous);
                }
                catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
                {
                    return Task.FromResult<MediaObject?>(null);
                }
                catch (UnauthorizedAccessException) when (Directory.Exists(path))
                {
                    // The key names a folder of other keys (recordings/{roomId}), not an object.
                    return Task.FromResult<MediaObject?>(null);
                }

                contentType = ReadContentType(path);
            }

            var total = stream.Length;
            var info = Info(key, total, File.GetLastWriteTimeUtc(stream.SafeFileHandle), contentType);
            var start = Math.Min(offset, total);
            var count = Math.Min(length ?? long.MaxValue, total - start);
            stream.Position = start;
            // The whole file stays a seekable FileStream; a range is cut to its length.
            Stream content = start == 0 && count == total ? stream : new BoundedReadStream(stream, count);
            return Task.FromResult<MediaObject?>(new MediaObject(info, content, start, count));
        }
        catch
        {
            stream?.Dispose();
            throw;
        }
    }

    public Task<bool> ExistsAsync(string key, CancellationToken cancellationToken = default) =>
        Task.FromResult(File.Exists(GetFilePath(key)));

    public Task<bool> DeleteAsync(string key, CancellationToken cancellationToken = default)
    {
        var path = GetFilePath(key);
        lock (PublishLock)
        {
            var existed = File.Exists(path);
            if (existed) File.Delete(path);
            // Also when the data file is gone: a put that stopped between its two renames leaves only a meta file.
            var meta = MetaPath(path);
            if (File.Exists(meta)) File.Delete(meta);
            return Task.FromResult(existed);
        }
    }

    private static MediaObjectInfo Info(string key, long length, DateTime lastWriteUtc, string contentType) =>
        new(key, length, contentType, new DateTimeOffset(lastWriteUtc, TimeSpan.Zero), $"\"{length:x}-{lastWriteUtc.Ticks:x}\"");

    private static string MetaPath(string path) =>
        Path.Combine(Path.GetDirectoryName(path)!, $".{Path.GetFileName(path)}{MetaSuffix}");

    private static string ReadContentType(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<FolderMeta>(File.ReadAllBytes(MetaPath(path)))?.ContentType ?? MediaContentTypes.Default;
        }
        catch (Exception e) when (e is FileNotFoundException or JsonException)
        {
            // A file put there by hand, or a meta file someone broke: still readable, as bytes.
            return MediaContentTypes.Default;
        }
    }

    private void DeleteQuietly(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (DirectoryNotFoundException)
        {
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Log.CleanupFailed(_logger, path, e);
        }
    }

    private sealed record FolderMeta(string ContentType);

    private static partial class Log
    {
        [LoggerMessage(EventId = 8101, Level = LogLevel.Warning, Message = "Media store: could not delete {Path}; delete it by hand")]
        public static partial void CleanupFailed(ILogger logger, string path, Exception exception);
    }
}
