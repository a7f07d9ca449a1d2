using System.Security.Cryptography;
using LiveRoom.Contracts.Common;
using LiveRoom.Contracts.Questions;
using LiveRoom.Contracts.Recordings;
using LiveRoom.Contracts.Rooms;
using LiveRoom.Media.Live;
using LiveRoom.Media.Transcoding;
using LiveRoom.Server.Auth;
using LiveRoom.Server.Http;
using LiveRoom.Server.Live;
using LiveRoom.Server.Security;
using LiveRoom.Server.Viewers;
using Microsoft.Extensions.Options;

namespace LiveRoom.Server.Rooms;

public static class RoomEndpoints
{
    public sealed record CreateRoomRequest(string? Title, string? Description, DateTimeOffset? ScheduledStart);

    public sealed record CreateViewerRequest(string? DisplayName);

    /// <summary>Optional body of a stream-key rotation: also disconnect the current publisher.</summary>
    public sealed record RotateStreamKeyRequest(bool Disconnect);

    /// <summary>Where and how a host publishes; <c>KeyframeSeconds</c> is the keyframe interval to set in OBS.</summary>
    public sealed record IngestView(string RtmpUrl, string StreamKey, string PublishUrl, int KeyframeSeconds);

    public sealed record CreatedRoom(
        string Id, string Title, string? Description, RoomStatus Status, string ViewerUrl, Playback Playback,
        DateTimeOffset CreatedAt, DateTimeOffset? ScheduledStart, IngestView Ingest);

    public sealed record RoomListItem(
        string Id, string Title, string? Description, RoomStatus Status, int ViewerCount, string ViewerUrl, Playback Playback,
        DateTimeOffset CreatedAt, DateTimeOffset? ScheduledStart, DateTimeOffset? EndedAt,
        RecordingInfo? Recording, double? RecordingProgress, DateTimeOffset? LiveSince);

    public sealed record ViewerIdentity(string ViewerId, string DisplayName, string AccessToken, long ExpiresIn);

    public static IEndpointRouteBuilder MapRoomsApi(this IEndpointRouteBuilder app)
    {
        var rooms = app.MapGroup("/api/rooms").WithTags("Rooms");
        rooms.MapPost("/", CreateAsync).RequireAuthorization(Roles.RoomManagerPolicy);
        rooms.MapGet("/", ListAsync).RequireAuthorization(Roles.StaffPolicy);
        rooms.MapGet("/{id}", GetAsync).AllowAnonymous();
        rooms.MapGet("/{id}/chat", GetChatAsync).AllowAnonymous().RequireRateLimiting(RateLimiting.ChatHistoryPolicy);
        rooms.MapGet("/{id}/questions", GetQuestionsAsync).AllowAnonymous();
        rooms.MapGet("/{id}/ingest", GetIngestAsync).RequireAuthorization(Roles.RoomManagerPolicy);
        rooms.MapPost("/{id}/end", EndAsync).RequireAuthorization(Roles.RoomManagerPolicy);
        rooms.MapPost("/{id}/stream-key", RotateKeyAsync).RequireAuthorization(Roles.RoomManagerPolicy);
        rooms.MapPost("/{id}/viewers", CreateViewerAsync).AllowAnonymous().RequireRateLimiting(RateLimiting.ViewerIdentityPolicy);
        return app;
    }

    /// <summary>A new anonymous viewer id.</summary>
    public static string NewViewerId() => "v_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    private static async Task<IResult> CreateAsync(CreateRoomRequest request, HttpContext context, IGrainFactory grains, PublicUrls urls, IOptions<TranscodeOptions> transcode)
    {
        var caller = Caller.From(context.User)!;
        var command = new CreateRoomCommand(request.Title ?? string.Empty, request.Description, request.ScheduledStart, caller.Id);
        var outcome = await grains.Room(RoomIds.NewRoomId()).CreateAsync(command);
        if (!outcome.IsSuccess) return Problems.From(outcome.Refusal!);
        var room = outcome.Value!;
        var info = room.Info;
        var created = new CreatedRoom(info.Id, info.Title, info.Description, info.Status, urls.ViewerUrl(context.Request, info.Id), info.Playback,
            info.CreatedAt, info.ScheduledStart, Ingest(context.Request, urls, room, transcode.Value));
        return Results.Created($"/api/rooms/{info.Id}", created);
    }

    private static async Task<IResult> ListAsync(HttpContext context, IRoomRecords records, IGrainFactory grains, PublicUrls urls, CancellationToken cancellationToken)
    {
        var rooms = await records.ListRoomsAsync(500, cancellationToken);
        // Viewers and the recording live in each room's grain, as for GET /api/rooms/{id}: ask them all at once.
        var details = await Task.WhenAll(rooms.Select(room => grains.Room(room.Id).GetDetailsAsync()));
        var items = rooms.Zip(details, (room, detail) => new RoomListItem(
            room.Id, room.Title, room.Description, room.Status, room.Status == RoomStatus.Ended ? 0 : detail?.Info.ViewerCount ?? 0,
            urls.ViewerUrl(context.Request, room.Id), Playback.ForRoom(room.Id), room.CreatedAt, room.ScheduledStart, room.EndedAt,
            detail?.Info.Recording, detail?.Info.RecordingProgress, detail?.Info.LiveSince));

        return Results.Ok(items.ToList());
    }

    private static async Task<IResult> GetAsync(string id, IGrainFactory grains)
    {
        if (!RoomIds.IsRoomId(id)) return Problems.RoomNotFound();
        var room = await grains.Room(id).GetDetailsAsync();
        return room is null ? Problems.RoomNotFound() : Results.Ok(room.Info);
    }

    /// <summary>The most messages one page of chat history holds: what a reconnecting viewer may catch up on at once.</summary>
    public const int MaxChatPage = 1_000;

    /// <summary>
    /// The room's chat history, oldest first, a page at a time: messages after <paramref name="after"/>. A
    /// replay reads it from the start; a viewer who reconnects reads what it missed after the last message it saw.
    /// </summary>
    private static async Task<IResult> GetChatAsync(string id, long? after, int? limit, IGrainFactory grains, IRoomRecords records, CancellationToken cancellationToken)
    {
        if (!RoomIds.IsRoomId(id) || await grains.Room(id).GetDetailsAsync() is null) return Problems.RoomNotFound();
        if (after is < 0) return Problems.BadRequest("'after' must be a message id (0 or more).");
        var page = await records.LoadChatAfterAsync(id, after ?? 0, Math.Clamp(limit ?? 200, 1, MaxChatPage), cancellationToken);
        return Results.Ok(page);
    }

    /// <summary>The room's questions in room order, without the dismissed ones (read-only, e.g. for a replay).</summary>
    private static async Task<IResult> GetQuestionsAsync(string id, IGrainFactory grains)
    {
        if (!RoomIds.IsRoomId(id)) return Problems.RoomNotFound();
        var snapshot = await grains.Room(id).GetSnapshotAsync(null);
        return snapshot.IsSuccess
            ? Results.Ok(snapshot.Value!.Questions.Where(q => q.Status != QuestionStatus.Dismissed))
            : Problems.From(snapshot.Refusal!);
    }

    private static async Task<IResult> GetIngestAsync(string id, HttpContext context, IGrainFactory grains, PublicUrls urls, IOptions<TranscodeOptions> transcode)
    {
        if (!RoomIds.IsRoomId(id)) return Problems.RoomNotFound();
        var room = await grains.Room(id).GetDetailsAsync();
        return room is null ? Problems.RoomNotFound() : Results.Ok(Ingest(context.Request, urls, room, transcode.Value));
    }

    private static async Task<IResult> EndAsync(string id, IGrainFactory grains)
    {
        if (!RoomIds.IsRoomId(id)) return Problems.RoomNotFound();
        var outcome = await grains.Room(id).EndAsync();
        return outcome.IsSuccess ? Results.Ok(outcome.Value!.Info) : Problems.From(outcome.Refusal!);
    }

    /// <summary>
    /// A new stream key; with <c>?disconnect=true</c> (or a body <c>{"disconnect": true}</c>) the current
    /// publisher is disconnected too: the room is interrupted and the connection closed (at once when it is on
    /// this node, within seconds on another).
    /// </summary>
    private static async Task<IResult> RotateKeyAsync(string id, bool? disconnect, HttpContext context, IGrainFactory grains, LiveSessionManager sessions, PublicUrls urls, IOptions<TranscodeOptions> transcode)
    {
        if (!RoomIds.IsRoomId(id)) return Problems.RoomNotFound();
        RotateStreamKeyRequest? body;
        try
        {
            body = context.Request.HasJsonContentType()
                ? await context.Request.ReadFromJsonAsync<RotateStreamKeyRequest>(context.RequestAborted)
                : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return Problems.BadRequest("The body is not valid JSON: send {\"disconnect\": true}, or no body.");
        }
        if (!(disconnect ?? body?.Disconnect ?? false))
        {
            var rotated = await grains.Room(id).RotateStreamKeyAsync();
            return rotated.IsSuccess ? Results.Ok(Ingest(context.Request, urls, rotated.Value!, transcode.Value)) : Problems.From(rotated.Refusal!);
        }

        var outcome = await grains.Room(id).RotateStreamKeyAndDisconnectAsync();
        if (!outcome.IsSuccess) return Problems.From(outcome.Refusal!);
        if (sessions.TryGet(id, out var session)) session.Stop(EndedRoomWatcher.PublisherDisconnected);
        return Results.Ok(Ingest(context.Request, urls, outcome.Value!, transcode.Value));
    }

    private static async Task<IResult> CreateViewerAsync(string id, CreateViewerRequest request, HttpContext context, IGrainFactory grains, TokenIssuer tokens)
    {
        if (!RoomIds.IsRoomId(id)) return Problems.RoomNotFound();
        var name = TextRules.CheckDisplayName(request.DisplayName);
        if (!name.IsSuccess) return Problems.From(name.Refusal!);
        var room = await grains.Room(id).GetDetailsAsync();
        if (room is null) return Problems.RoomNotFound();
        // A network a moderator banned gets no new identity for this room.
        var address = ClientAddress.Of(context);
        if (await grains.Room(id).IsAddressBannedAsync([address])) return Problems.From(Refusals.AddressBanned);

        var viewerId = NewViewerId();
        await grains.Viewer(id, viewerId).RegisterViewerAsync(name.Value!, address);
        var token = tokens.IssueViewer(id, viewerId, name.Value!);
        return Results.Created($"/api/rooms/{id}/viewers/{viewerId}", new ViewerIdentity(viewerId, name.Value!, token.AccessToken, token.ExpiresIn));
    }

    private static IngestView Ingest(HttpRequest request, PublicUrls urls, RoomDetails room, TranscodeOptions transcode)
    {
        var rtmp = urls.RtmpUrl(request);
        return new IngestView(rtmp, room.StreamKey, $"{rtmp}/{room.StreamKey}", transcode.RecommendedKeyframeSeconds);
    }
}
