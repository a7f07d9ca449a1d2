using LiveRoom.Storage.Media;

namespace LiveRoom.Server.Recordings;

/// <summary>Recordings and posters from the media store at <c>/media/{key}</c>, with range requests for seeking. Anyone may
/// fetch them, so private keys (under <see cref="MediaKeys.PrivatePrefix"/>: what belongs to private calls) are never served here.</summary>
public static class MediaEndpoints
{
    public static IEndpointRouteBuilder MapMediaApi(this IEndpointRouteBuilder app)
    {
        app.MapMethods("/media/{**key}", [HttpMethods.Get, HttpMethods.Head], ServeAsync).AllowAnonymous().WithTags("Playback");
        return app;
    }

    private static async Task<IResult> ServeAsync(string key, IMediaStore store, CancellationToken cancellationToken)
    {
        if (!MediaKeys.IsPublic(key)) return Results.NotFound();
        var media = await store.OpenReadAsync(key, cancellationToken);
        if (media is null) return Results.NotFound();
        return Results.Stream(media.Content, media.Info.ContentType, lastModified: media.Info.LastModified,
            entityTag: new Microsoft.Net.Http.Headers.EntityTagHeaderValue(media.Info.ETag), enableRangeProcessing: true);
    }
}
