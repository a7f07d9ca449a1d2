using System.Security.Cryptography;
using LiveRoom.Contracts.Calls;
using LiveRoom.Contracts.Common;
using LiveRoom.Server.Auth;
using LiveRoom.Server.Http;
using LiveRoom.Storage.Media;
using Microsoft.AspNetCore.Mvc;

namespace LiveRoom.Server.Calls.Recording;

/// <summary>
/// A call's recording over HTTP: the recording agent's browser uploads it chunk by chunk while the call is
/// recorded; staff who take calls fetch the MP4 once the job has made it.
/// </summary>
public static partial class CallRecordingEndpoints
{
    /// <summary>The largest chunk accepted: a few seconds of a composed call at a browser's bitrates fit easily.</summary>
    public const int MaxChunkBytes = 4 * 1024 * 1024;

    /// <summary>The highest <c>seq</c> of a take (six digits in the key).</summary>
    public const int MaxSeq = 999_999;

    public static IEndpointRouteBuilder MapCallRecordingApi(this IEndpointRouteBuilder app)
    {
        app.MapPut("/api/calls/{callId}/recording/takes/{take:int}/chunks/{seq:int}", PutChunkAsync)
            .WithTags("Calls")
            .RequireAuthorization()
            .WithMetadata(new RequestSizeLimitAttribute(MaxChunkBytes));
        app.MapMethods("/api/calls/{callId}/recording", [HttpMethods.Get, HttpMethods.Head], GetRecordingAsync)
            .WithTags("Calls")
            .RequireAuthorization(Roles.ModeratorPolicy);
        return app;
    }

    private static async Task<IResult> PutChunkAsync(
        string callId,
        int take,
        int seq,
        HttpContext http,
        IGrainFactory grains,
        ICallRecordingChunks chunks,
        IMediaStore store,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        if (Caller.From(http.User) is not { } caller) return Results.Unauthorized();
        if (!CallIds.IsCallId(callId)) return NoSuchCall();
        if (take < 1 || seq < 0 || seq > MaxSeq) return Problems.Refused(StatusCodes.Status400BadRequest, "invalid", $"take counts from 1 and seq from 0 to {MaxSeq}.");
        if (http.Request.ContentLength > MaxChunkBytes) return TooLarge();

        var allowed = await grains.Call(callId).CanUploadRecordingAsync(caller.Id);
        if (!allowed.IsSuccess)
        {
            return allowed.Refusal!.Code == RefusalCode.NotFound ? NoSuchCall() : NotRecording(allowed.Refusal.Message);
        }

        if (allowed.Value!.Take != take) return NotRecording($"Take {take} is not the current one ({allowed.Value.Take}).");
        if (ContentDigest.Sha256(http.Request.Headers[ContentDigest.HeaderName]) is not { } stated)
        {
            return Problems.Refused(StatusCodes.Status400BadRequest, "invalid", "Content-Digest must state the sha-256 of the body (RFC 9530).");
        }

        byte[] body;
        try
        {
            body = await ReadBodyAsync(http.Request, cancellationToken);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge();
        }

        var digest = SHA256.HashData(body);
        if (!CryptographicOperations.FixedTimeEquals(digest, stated)) return Problems.Refused(StatusCodes.Status400BadRequest, "invalid", "The body does not match its Content-Digest.");

        var sha256 = Convert.ToBase64String(digest);
        if (await chunks.GetAsync(callId, take, seq, cancellationToken) is { } earlier) return Again(earlier, sha256);

        // The bytes are stored before the chunk is recorded: a recorded chunk always has its bytes.
        var key = CallRecordingKeys.Chunk(callId, take, seq, digest);
        using (var content = new MemoryStream(body, writable: false)) await store.PutAsync(key, content, "video/webm", cancellationToken);
        var recorded = await chunks.AddAsync(new RecordingChunk(callId, take, seq, sha256, body.Length), cancellationToken);
        if (recorded.Sha256 != sha256)
        {
            // Another body for the same place won the race: ours is not kept.
            await store.DeleteAsync(key, CancellationToken.None);
            return Again(recorded, sha256);
        }

        Log.ChunkStored(loggers.CreateLogger(typeof(CallRecordingEndpoints).FullName!), callId, take, seq, body.Length);
        return Results.Created();
    }

    private static async Task<IResult> GetRecordingAsync(string callId, ICallRecords records, IMediaStore store, CancellationToken cancellationToken)
    {
        var call = CallIds.IsCallId(callId) ? await records.GetCallAsync(callId, cancellationToken) : null;
        if (call is null) return NoSuchCall();
        if (call.Recording?.Status != CallRecordingFileStatus.Ready) return Problems.Refused(StatusCodes.Status404NotFound, "not_found", "The call has no recording ready.");
        var media = await store.OpenReadAsync(CallRecordingKeys.Mp4(callId), cancellationToken);
        if (media is null) return Problems.Refused(StatusCodes.Status404NotFound, "not_found", "The call has no recording ready.");
        return Results.Stream(media.Content, media.Info.ContentType, fileDownloadName: null, lastModified: media.Info.LastModified,
            entityTag: new Microsoft.Net.Http.Headers.EntityTagHeaderValue(media.Info.ETag), enableRangeProcessing: true);
    }

    /// <summary>The same chunk again is a retry (nothing to do); a different one for a place already taken, a conflict.</summary>
    private static IResult Again(RecordingChunk earlier, string sha256) =>
        earlier.Sha256 == sha256
            ? Results.NoContent()
            : Problems.Refused(StatusCodes.Status409Conflict, "conflict", $"Chunk {earlier.Seq} of take {earlier.Take} was already stored with other content.");

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream(request.ContentLength is { } length and <= MaxChunkBytes ? (int)length : 64 * 1024);
        await request.Body.CopyToAsync(buffer, cancellationToken);
        if (buffer.Length > MaxChunkBytes) throw new BadHttpRequestException("Too large", StatusCodes.Status413PayloadTooLarge);
        return buffer.ToArray();
    }

    private static IResult NoSuchCall() => Problems.From(new Refusal(RefusalCode.NotFound, "There is no such call."));

    private static IResult NotRecording(string detail) => Problems.Refused(StatusCodes.Status409Conflict, "not_recording", detail);

    private static IResult TooLarge() => Problems.Refused(StatusCodes.Status413PayloadTooLarge, "too_long", $"A chunk is at most {MaxChunkBytes} bytes.");

    private static partial class Log
    {
        [LoggerMessage(EventId = 9310, Level = LogLevel.Debug, Message = "Call {CallId}: chunk {Seq} of take {Take} stored ({Bytes} bytes)")]
        public static partial void ChunkStored(ILogger logger, string callId, int take, int seq, int bytes);
    }
}
