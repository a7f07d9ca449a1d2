using System.Buffers;
using System.Globalization;
using System.Text;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace LiveRoom.Storage.Media;

/// <summary>
/// The media store of cluster mode: one block blob per key in one container (created, private, on the
/// first put). A put that fits in one block is a single Put Blob request; a longer one stages its blocks
/// and commits the block list only after the whole content was read, so the blob appears, or changes,
/// only when complete. Staged blocks of a failed put stay invisible and the service discards them.
/// Browsers never reach the container: the server proxies reads through <see cref="OpenReadAsync(string, long, long?, CancellationToken)"/>.
/// </summary>
public sealed partial class AzureBlobMediaStore : IMediaStore
{
    /// <summary>Bytes per staged block, and the most a put holds in memory at a time.</summary>
    public const int BlockSize = 4 * 1024 * 1024;

    private readonly BlobContainerClient _container;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _containerGate = new(1, 1);
    private volatile bool _containerReady;

    public AzureBlobMediaStore(BlobContainerClient container, ILogger<AzureBlobMediaStore>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(container);
        _container = container;
        _logger = logger ?? NullLogger<AzureBlobMediaStore>.Instance;
    }

    public string ContainerName => _container.Name;

    public async Task PutAsync(string key, Stream content, string contentType, CancellationToken cancellationToken = default)
    {
        MediaKeys.ThrowIfInvalid(key);
        ArgumentNullException.ThrowIfNull(content);
        MediaContentTypes.ThrowIfInvalid(contentType);
        await EnsureContainerAsync(cancellationToken);

        var blob = _container.GetBlockBlobClient(key);
        var headers = new BlobHttpHeaders { ContentType = contentType };
        var buffer = ArrayPool<byte>.Shared.Rent(BlockSize);
        var blocks = 0;
        try
        {
            var read = await FillAsync(content, buffer, cancellationToken);
            if (read < BlockSize)
            {
                // The whole content is in memory before the request starts: one all-or-nothing Put Blob.
                using var whole = new MemoryStream(buffer, 0, read, writable: false);
                await blob.UploadAsync(whole, new BlobUploadOptions { HttpHeaders = headers }, cancellationToken);
                return;
            }

            // Block ids are unique to this put (and all of one length, as the service requires), so two puts
            // of one key never commit each other's blocks.
            var upload = Guid.NewGuid().ToString("N");
            var ids = new List<string>();
            while (read > 0)
            {
                var id = BlockId(upload, ids.Count);
                using (var block = new MemoryStream(buffer, 0, read, writable: false))
                {
                    await blob.StageBlockAsync(id, block, cancellationToken: cancellationToken);
                }

                ids.Add(id);
                blocks = ids.Count;
                read = await FillAsync(content, buffer, cancellationToken);
            }

            await blob.CommitBlockListAsync(ids, new CommitBlockListOptions { HttpHeaders = headers }, cancellationToken);
        }
        catch (Exception e) when (blocks > 0)
        {
            Log.PutAbandoned(_logger, key, blocks, e.GetType().Name);
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public async Task<MediaObjectInfo?> GetInfoAsync(string key, CancellationToken cancellationToken = default)
    {
        MediaKeys.ThrowIfInvalid(key);
        try
        {
            var properties = (await _container.GetBlobClient(key).GetPropertiesAsync(cancellationToken: cancellationToken)).Value;
            return new MediaObjectInfo(key, properties.ContentLength, ContentTypeOrDefault(properties.ContentType), properties.LastModified, properties.ETag.ToString("H"));
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    public Task<MediaObject?> OpenReadAsync(string key, CancellationToken cancellationToken = default) =>
        OpenReadAsync(key, 0, null, cancellationToken);

    public async Task<MediaObject?> OpenReadAsync(string key, long offset, long? length, CancellationToken cancellationToken = default)
    {
        MediaKeys.ThrowIfInvalid(key);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        if (length is { } requested) ArgumentOutOfRangeException.ThrowIfNegative(requested, nameof(length));
        if (length == 0) return await EmptyAsync(key, offset, cancellationToken);

        BlobDownloadStreamingResult download;
        try
        {
            // HttpRange(0, null) is "no range": the whole blob.
            var options = new BlobDownloadOptions { Range = new HttpRange(offset, length) };
            download = (await _container.GetBlobClient(key).DownloadStreamingAsync(options, cancellationToken)).Value;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
        catch (RequestFailedException e) when (e.Status == 416)
        {
            // The range starts at or past the end.
            return await EmptyAsync(key, offset, cancellationToken);
        }

        var details = download.Details;
        var total = TotalLength(details.ContentRange) ?? details.ContentLength;
        var info = new MediaObjectInfo(key, total, ContentTypeOrDefault(details.ContentType), details.LastModified, details.ETag.ToString("H"));
        return new MediaObject(info, download.Content, offset, details.ContentLength);
    }

    public async Task<bool> ExistsAsync(string key, CancellationToken cancellationToken = default)
    {
        MediaKeys.ThrowIfInvalid(key);
        return await GetInfoAsync(key, cancellationToken) is not null;
    }

    public async Task<bool> DeleteAsync(string key, CancellationToken cancellationToken = default)
    {
        MediaKeys.ThrowIfInvalid(key);
        try
        {
            return (await _container.GetBlobClient(key).DeleteIfExistsAsync(DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: cancellationToken)).Value;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // No container yet: nothing was ever put.
            return false;
        }
    }

    private async Task<MediaObject?> EmptyAsync(string key, long offset, CancellationToken cancellationToken)
    {
        var info = await GetInfoAsync(key, cancellationToken);
        return info is null ? null : new MediaObject(info, Stream.Null, Math.Min(offset, info.Length), 0);
    }

    private async Task EnsureContainerAsync(CancellationToken cancellationToken)
    {
        if (_containerReady) return;
        await _containerGate.WaitAsync(cancellationToken);
        try
        {
            if (_containerReady) return;
            var created = await _container.CreateIfNotExistsAsync(PublicAccessType.None, cancellationToken: cancellationToken);
            if (created is not null) Log.ContainerCreated(_logger, _container.Name);
            _containerReady = true;
        }
        finally
        {
            _containerGate.Release();
        }
    }

    /// <summary>Reads until <paramref name="buffer"/>'s first <see cref="BlockSize"/> bytes are full or the content ends.</summary>
    private static ValueTask<int> FillAsync(Stream content, byte[] buffer, CancellationToken cancellationToken) =>
        content.ReadAtLeastAsync(buffer.AsMemory(0, BlockSize), BlockSize, throwOnEndOfStream: false, cancellationToken);

    private static string BlockId(string upload, int index) =>
        Convert.ToBase64String(Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{upload}-{index:D6}")));

    /// <summary>The total from <c>Content-Range: bytes 0-99/5000</c>; null without one (a whole-blob read).</summary>
    private static long? TotalLength(string? contentRange)
    {
        var slash = contentRange?.LastIndexOf('/') ?? -1;
        return slash >= 0 && long.TryParse(contentRange.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var total) ? total : null;
    }

    private static string ContentTypeOrDefault(string? contentType) =>
        string.IsNullOrEmpty(contentType) ? MediaContentTypes.Default : contentType;

    private static partial class Log
    {
        [LoggerMessage(EventId = 8201, Level = LogLevel.Information, Message = "Media store: created blob container {Container}")]
        public static partial void ContainerCreated(ILogger logger, string container);

        [LoggerMessage(EventId = 8202, Level = LogLevel.Warning, Message = "Media store: put of {Key} abandoned after {Blocks} staged blocks ({Error}); the blob is unchanged")]
        public static partial void PutAbandoned(ILogger logger, string key, int blocks, string error);
    }
}
