using System.Text.RegularExpressions;
using LiveRoom.Contracts.Rooms;
using LiveRoom.Media.Flv;
using LiveRoom.Media.Live;

namespace LiveRoom.Server.Live;

/// <summary>
/// Playback: the HLS ladder (<c>/live/{roomId}/master.m3u8</c> and the renditions' playlists and
/// segments, served from the node's live folder) and the low-latency HTTP-FLV stream
/// (<c>/live/{roomId}.flv</c>) from the relay. Only names of the shapes ffmpeg writes are served, and only
/// while the room is on air (live, or interrupted: its last playlist stays): an ended room's files are 404.
/// </summary>
public static partial class LiveEndpoints
{
    public static IEndpointRouteBuilder MapLiveApi(this IEndpointRouteBuilder app)
    {
        var live = app.MapGroup("/live").WithTags("Playback").AllowAnonymous();
        live.MapGet("/{roomId}.flv", StreamFlvAsync);
        live.MapGet("/{roomId}/master.m3u8", (string roomId, LivePaths paths, OnAirRooms onAir, CancellationToken cancellationToken) =>
            ServeAsync(paths, onAir, roomId, null, "master.m3u8", cancellationToken));
        live.MapGet("/{roomId}/{rendition}/{file}", (string roomId, string rendition, string file, LivePaths paths, OnAirRooms onAir, IEnumerable<IMediaPlaylistAmender> amenders, CancellationToken cancellationToken) =>
            ServeAsync(paths, onAir, roomId, rendition, file, cancellationToken, amenders));
        return app;
    }

    private static async Task<IResult> ServeAsync(
        LivePaths paths, OnAirRooms onAir, string roomId, string? rendition, string file, CancellationToken cancellationToken, IEnumerable<IMediaPlaylistAmender>? amenders = null)
    {
        if (!RoomIds.IsRoomId(roomId) || (rendition is not null && !RenditionName().IsMatch(rendition)) || !FileName().IsMatch(file))
        {
            return Results.NotFound();
        }

        var path = rendition is null
            ? Path.Combine(paths.LiveDirectory(roomId), file)
            : Path.Combine(paths.LiveDirectory(roomId), rendition, file);
        // The file first: a name nobody wrote costs no grain call.
        if (!File.Exists(path) || !await onAir.IsOnAirAsync(roomId, cancellationToken))
        {
            return Results.Problem(detail: "This room is not live.", statusCode: StatusCodes.Status404NotFound);
        }

        var playlist = file.EndsWith(".m3u8", StringComparison.Ordinal);
        if (rendition is not null && playlist && amenders?.ToArray() is { Length: > 0 } amending)
        {
            return await AmendedPlaylistAsync(path, roomId, amending, cancellationToken);
        }

        return new LiveFileResult(path, playlist ? "application/vnd.apple.mpegurl" : "video/mp2t", playlist ? "no-cache" : "public, max-age=60");
    }

    private static async Task StreamFlvAsync(string roomId, HttpContext context, FlvRelayRegistry relays)
    {
        if (!RoomIds.IsRoomId(roomId) || !relays.TryGet(roomId, out var relay) || relay.IsCompleted)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            await context.Response.WriteAsync("This room is not live.");
            return;
        }

        using var subscription = relay.Subscribe(context.Connection.RemoteIpAddress?.ToString());
        context.Response.ContentType = "video/x-flv";
        context.Response.Headers.CacheControl = "no-store";
        await context.Response.StartAsync(context.RequestAborted);
        try
        {
            await subscription.CopyToAsync(context.Response.BodyWriter, context.RequestAborted);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The viewer left.
        }
    }

    /// <summary>A media playlist read into memory and passed through the amenders (it is small and rewritten every segment).</summary>
    private static async Task<IResult> AmendedPlaylistAsync(string path, string roomId, IMediaPlaylistAmender[] amenders, CancellationToken cancellationToken)
    {
        string text;
        try
        {
            text = await File.ReadAllTextAsync(path, cancellationToken);
        }
        catch (FileNotFoundException)
        {
            return Results.NotFound();
        }

        foreach (var amender in amenders) text = await amender.AmendAsync(roomId, text, cancellationToken);
        return new PlaylistTextResult(text);
    }

    [GeneratedRegex("^([0-9]{2,4}p|source)$")]
    private static partial Regex RenditionName();

    [GeneratedRegex("^(master\\.m3u8|index\\.m3u8|segment_[0-9]{6}\\.ts)$")]
    private static partial Regex FileName();

    private sealed class PlaylistTextResult(string text) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.ContentType = "application/vnd.apple.mpegurl";
            httpContext.Response.Headers.CacheControl = "no-cache";
            return httpContext.Response.WriteAsync(text, httpContext.RequestAborted);
        }
    }

    /// <summary>A live file sent from disk (sendfile); ffmpeg may delete an old segment at any moment, which is a 404.</summary>
    private sealed class LiveFileResult(string path, string contentType, string cacheControl) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            var file = new FileInfo(path);
            if (!file.Exists)
            {
                httpContext.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            httpContext.Response.ContentType = contentType;
            httpContext.Response.Headers.CacheControl = cacheControl;
            try
            {
                httpContext.Response.ContentLength = file.Length;
                await httpContext.Response.SendFileAsync(file.FullName, httpContext.RequestAborted);
            }
            catch (FileNotFoundException) when (!httpContext.Response.HasStarted)
            {
                httpContext.Response.ContentLength = null;
                httpContext.Response.StatusCode = StatusCodes.Status404NotFound;
            }
        }
    }
}
