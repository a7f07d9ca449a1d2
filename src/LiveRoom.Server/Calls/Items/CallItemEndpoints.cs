using System.Globalization;
using LiveRoom.Contracts.Calls;
using LiveRoom.Contracts.Common;
using LiveRoom.Server.Auth;
using LiveRoom.Server.Http;
using LiveRoom.Storage.Media;
using Microsoft.AspNetCore.Mvc;

namespace LiveRoom.Server.Calls.Items;

/// <summary>
/// Files and snapshots of a call, and everything written and shared in it (docs/CALLS.md, "In-call messages,
/// files and snapshots"). Uploads come from the call's current participants; reading is for its present and
/// past participants and staff who take calls. The bytes live under a private media key that <c>/media</c>
/// refuses, so this is the only way to them.
/// </summary>
public static partial class CallItemEndpoints
{
    /// <summary>The largest file a participant shares.</summary>
    public const int MaxFileBytes = 10 * 1024 * 1024;

    /// <summary>The largest snapshot an agent keeps.</summary>
    public const int MaxSnapshotBytes = 2 * 1024 * 1024;

    public static IEndpointRouteBuilder MapCallItemsApi(this IEndpointRouteBuilder app)
    {
        var calls = app.MapGroup("/api/calls/{callId}").WithTags("Calls").RequireAuthorization();
        // One byte over the cap gets through Kestrel, so the answer is this endpoint's own 413 with its code.
        calls.MapPost("/files", UploadFileAsync).WithMetadata(new RequestSizeLimitAttribute(MaxFileBytes + 1));
        calls.MapPost("/snapshots", UploadSnapshotAsync).WithMetadata(new RequestSizeLimitAttribute(MaxSnapshotBytes + 1));
        calls.MapGet("/files/{fileId}", DownloadAsync);
        calls.MapGet("/items", ListAsync);
        return app;
    }

    private static Task<IResult> UploadFileAsync(string callId, string? name, HttpContext context, IGrainFactory grains, IMediaStore store, ILoggerFactory loggers) =>
        UploadAsync(callId, CallFileKind.File, name, MaxFileBytes, context, grains, store, loggers);

    private static Task<IResult> UploadSnapshotAsync(string callId, HttpContext context, IGrainFactory grains, IMediaStore store, TimeProvider time, ILoggerFactory loggers) =>
        UploadAsync(callId, CallFileKind.Snapshot, "snapshot-" + time.GetUtcNow().ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture), MaxSnapshotBytes, context, grains, store, loggers);

    private static async Task<IResult> UploadAsync(string callId, CallFileKind kind, string? name, int maxBytes, HttpContext context, IGrainFactory grains, IMediaStore store, ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger(typeof(CallItemEndpoints).FullName!);
        var cancellationToken = context.RequestAborted;
        if (!CallIds.IsCallId(callId)) return Refused(CallItemRefusals.NoSuchCall);
        if (Caller.From(context.User) is not { } caller) return Refused(CallItemRefusals.NotAllowed);

        // Who may send comes first: nobody outside the call makes the server read (or keep) a byte.
        var call = grains.Call(callId);
        var may = await call.CanShareFileAsync(caller.Id, kind);
        if (!may.IsSuccess) return Refused(may.Refusal!);
        var mediaType = CallFileTypes.Parse(context.Request.ContentType, kind);
        if (mediaType is null) return Unsupported(logger, callId, caller, CallItemRefusals.Type(CallFileTypes.Allowed(kind)));
        if (context.Request.ContentLength > maxBytes) return TooLarge(maxBytes);

        var content = await BoundedBody.ReadAtMostAsync(context.Request.Body, maxBytes, cancellationToken);
        if (content is null) return TooLarge(maxBytes);
        if (content.Length == 0) return Refused(CallItemRefusals.Empty);
        if (!CallFileTypes.Matches(mediaType, content)) return Unsupported(logger, callId, caller, CallItemRefusals.NotWhatItSays(mediaType));

        var upload = new CallFileUpload(CallItemIds.NewFileId(), kind, CallFileNames.Sanitise(name, mediaType), CallFileTypes.Stored(mediaType), content.Length);
        var key = CallFileKeys.For(callId, upload.Id);
        using (var body = new MemoryStream(content, writable: false)) await store.PutAsync(key, body, upload.ContentType, cancellationToken);
        var added = await call.AddFileAsync(caller.Id, upload);
        if (!added.IsSuccess)
        {
            // The call ended (or they left it) while the bytes arrived: keep nothing of it.
            await store.DeleteAsync(key, CancellationToken.None);
            return Refused(added.Refusal!);
        }

        return Results.Created(added.Value!.Url, added.Value);
    }

    private static async Task<IResult> DownloadAsync(string callId, string fileId, HttpContext context, IGrainFactory grains, ICallItems items, IMediaStore store)
    {
        var cancellationToken = context.RequestAborted;
        if (!CallItemIds.IsFileId(fileId)) return Refused(CallItemRefusals.NoSuchFile);
        if (await MayReadAsync(callId, context, grains) is { } refused) return refused;
        var file = await items.GetFileAsync(callId, fileId, cancellationToken);
        var media = file is null ? null : await store.OpenReadAsync(CallFileKeys.For(callId, fileId), cancellationToken);
        if (file is null || media is null) return Refused(CallItemRefusals.NoSuchFile);

        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.CacheControl = "private, no-store";
        // Results.Stream names the file in Content-Disposition: attachment, so a browser saves it and never renders it.
        return Results.Stream(media.Content, file.ContentType, fileDownloadName: file.Name);
    }

    private static async Task<IResult> ListAsync(string callId, HttpContext context, IGrainFactory grains, ICallItems items)
    {
        if (await MayReadAsync(callId, context, grains) is { } refused) return refused;
        return Results.Ok(await items.ListAsync(callId, context.RequestAborted));
    }

    /// <summary>Null when the caller may read the call's items: staff who take calls, or a present or past participant.</summary>
    private static async Task<IResult?> MayReadAsync(string callId, HttpContext context, IGrainFactory grains)
    {
        if (!CallIds.IsCallId(callId)) return Refused(CallItemRefusals.NoSuchCall);
        if (Caller.From(context.User) is not { } caller) return Refused(CallItemRefusals.NotAllowed);
        if (Roles.TakesCalls(caller.Role)) return null;
        var may = await grains.Call(callId).CanReadItemsAsync(caller.Id);
        return may.IsSuccess ? null : Refused(may.Refusal!);
    }

    private static IResult TooLarge(int maxBytes) =>
        Problems.Refused(StatusCodes.Status413PayloadTooLarge, RefusalCodes.WireName(RefusalCode.TooLong), $"The file is too large: at most {maxBytes / (1024 * 1024)} MiB.");

    private static IResult Unsupported(ILogger logger, string callId, Caller caller, Refusal refusal)
    {
        Log.Refused(logger, callId, caller.Id, refusal.Message);
        return Problems.Refused(StatusCodes.Status415UnsupportedMediaType, RefusalCodes.WireName(refusal.Code), refusal.Message);
    }

    private static IResult Refused(Refusal refusal) => Problems.Refused(
        refusal.Code switch
        {
            RefusalCode.NotFound => StatusCodes.Status404NotFound,
            RefusalCode.NotAllowed or RefusalCode.NotParticipant => StatusCodes.Status403Forbidden,
            RefusalCode.CallEnded => StatusCodes.Status409Conflict,
            _ => StatusCodes.Status400BadRequest,
        },
        RefusalCodes.WireName(refusal.Code),
        refusal.Message);

    private static partial class Log
    {
        [LoggerMessage(EventId = 9360, Level = LogLevel.Warning, Message = "Call {CallId}: refused a file from {CallerId}: {Reason}")]
        public static partial void Refused(ILogger logger, string callId, string callerId, string reason);
    }
}
