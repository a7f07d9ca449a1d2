using LiveRoom.Contracts.Common;
using LiveRoom.Contracts.Products;
using LiveRoom.Contracts.Rooms;
using LiveRoom.Server.Auth;
using LiveRoom.Server.Http;
using LiveRoom.Storage.Media;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace LiveRoom.Server.Products;

/// <summary>
/// A room's product list (docs/PRODUCTS.md): staff who sell (admins, hosts, marketers) add, change and delete
/// products and upload their images; every staff member may read the list.
/// </summary>
public static partial class ProductEndpoints
{
    public static IEndpointRouteBuilder MapProductsApi(this IEndpointRouteBuilder app)
    {
        var products = app.MapGroup("/api/rooms/{roomId}/products").WithTags("Products");
        products.MapGet("/", ListAsync).RequireAuthorization(Roles.StaffPolicy);
        products.MapPost("/", AddAsync).RequireAuthorization(Roles.MarketingPolicy);
        products.MapPut("/{productId}", UpdateAsync).RequireAuthorization(Roles.MarketingPolicy);
        products.MapDelete("/{productId}", DeleteAsync).RequireAuthorization(Roles.MarketingPolicy);
        // The body is the image's bytes, whatever Content-Type says (the bytes decide). The cap is the endpoint's own
        // (with its code); Kestrel's limit is only set above it so the endpoint sees one byte too many.
        products.MapPut("/{productId}/image", UploadImageAsync).RequireAuthorization(Roles.MarketingPolicy)
            .WithMetadata(new RequestSizeLimitAttribute(20 * 1024 * 1024 + 1));
        return app;
    }

    private static async Task<Results<Ok<IReadOnlyList<Product>>, ProblemHttpResult>> ListAsync(
        string roomId, IGrainFactory grains, IProducts products, CancellationToken cancellationToken)
    {
        if (!await RoomExistsAsync(grains, roomId)) return Problems.Typed(Refusals.RoomNotFound);
        return TypedResults.Ok(await products.ListAsync(roomId, cancellationToken));
    }

    private static async Task<Results<Created<Product>, ProblemHttpResult>> AddAsync(
        string roomId, ProductRequest request, HttpContext context, IGrainFactory grains, IProducts products, IOptions<ProductOptions> options,
        TimeProvider time, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        if (!await RoomExistsAsync(grains, roomId)) return Problems.Typed(Refusals.RoomNotFound);
        if (await products.CountAsync(roomId, cancellationToken) >= options.Value.MaxProductsPerRoom)
            return Problems.Typed(new Refusal(RefusalCode.Invalid, $"A room holds at most {options.Value.MaxProductsPerRoom} products: delete one first."));
        var now = time.GetUtcNow();
        var product = ProductRules.Apply(request, NewProductId(), roomId, now, now, null);
        if (!product.IsSuccess) return Problems.Typed(product.Refusal!);
        await products.AddAsync(product.Value!, cancellationToken);
        Log.Added(loggers.CreateLogger(typeof(ProductEndpoints)), roomId, product.Value!.Id, Caller.From(context.User)!.Id);
        return TypedResults.Created($"/api/rooms/{roomId}/products/{product.Value!.Id}", product.Value!);
    }

    private static async Task<Results<Ok<Product>, ProblemHttpResult>> UpdateAsync(
        string roomId, string productId, ProductRequest request, IProducts products, TimeProvider time, CancellationToken cancellationToken)
    {
        var current = await products.GetAsync(roomId, productId, cancellationToken);
        if (current is null) return Problems.Typed(NoSuchProduct);
        var changed = ProductRules.Apply(request, current.Id, roomId, current.CreatedAt, time.GetUtcNow(), current.ImageUrl);
        if (!changed.IsSuccess) return Problems.Typed(changed.Refusal!);
        var saved = await products.UpdateAsync(changed.Value!, cancellationToken);
        return saved is null ? Problems.Typed(NoSuchProduct) : TypedResults.Ok(saved);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        string roomId, string productId, IGrainFactory grains, IProducts products, IMediaStore store, CancellationToken cancellationToken)
    {
        var imageKey = await products.GetImageKeyAsync(roomId, productId, cancellationToken);
        if (!await products.DeleteAsync(roomId, productId, cancellationToken)) return Problems.Typed(NoSuchProduct);
        await ForgetImageAsync(grains, store, roomId, imageKey);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<Product>, ProblemHttpResult>> UploadImageAsync(
        string roomId, string productId, HttpContext context, IGrainFactory grains, IProducts products, IMediaStore store,
        IOptions<ProductOptions> options, TimeProvider time, ILoggerFactory loggers)
    {
        var cancellationToken = context.RequestAborted;
        var logger = loggers.CreateLogger(typeof(ProductEndpoints));
        var maxBytes = options.Value.MaxImageBytes;
        var oldKey = await products.GetImageKeyAsync(roomId, productId, cancellationToken);
        if (await products.GetAsync(roomId, productId, cancellationToken) is null) return Problems.Typed(NoSuchProduct);
        if (context.Request.ContentLength > maxBytes) return TooLarge(logger, roomId, productId, maxBytes);

        var content = await BoundedBody.ReadAtMostAsync(context.Request.Body, maxBytes, cancellationToken);
        if (content is null) return TooLarge(logger, roomId, productId, maxBytes);
        var mediaType = ProductImages.Sniff(content);
        if (mediaType is null)
        {
            Log.ImageRefused(logger, roomId, productId, "not a JPEG, PNG or WebP");
            return Problems.Typed(new Refusal(RefusalCode.UnsupportedImage, "The file is not a JPEG, PNG or WebP image."));
        }

        var key = ProductImages.NewKey(roomId, productId, mediaType);
        using (var body = new MemoryStream(content, writable: false)) await store.PutAsync(key, body, mediaType, cancellationToken);
        var saved = await products.SetImageAsync(roomId, productId, key, time.GetUtcNow(), cancellationToken);
        if (saved is null)
        {
            // Deleted while the bytes arrived: keep nothing of it.
            await store.DeleteAsync(key, CancellationToken.None);
            return Problems.Typed(NoSuchProduct);
        }

        await ForgetImageAsync(grains, store, roomId, oldKey);
        return TypedResults.Ok(saved);
    }

    /// <summary>
    /// Deletes an image nobody needs any more. One a card on the room's shelf shows stays: viewers (and the
    /// replay) still see that card as it was shown.
    /// </summary>
    private static async Task ForgetImageAsync(IGrainFactory grains, IMediaStore store, string roomId, string? key)
    {
        if (!MediaKeys.IsPublic(key)) return;
        var url = MediaKeys.ServedPath(key);
        var shelf = await grains.Room(roomId).GetShelfAsync();
        if (shelf.Any(c => c.ImageUrl == url)) return;
        await store.DeleteAsync(key, CancellationToken.None);
    }

    internal static Refusal NoSuchProduct { get; } = new(RefusalCode.NotFound, "There is no such product in this room.");

    internal static async Task<bool> RoomExistsAsync(IGrainFactory grains, string roomId) =>
        RoomIds.IsRoomId(roomId) && await grains.Room(roomId).GetDetailsAsync() is not null;

    private static string NewProductId() => "pr_" + Guid.NewGuid().ToString("N")[..16];

    private static ProblemHttpResult TooLarge(ILogger logger, string roomId, string productId, int maxBytes)
    {
        Log.ImageRefused(logger, roomId, productId, "too large");
        return Problems.Typed(new Refusal(RefusalCode.ImageTooLarge, $"The image is too large: at most {maxBytes / 1024} KiB."));
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 9700, Level = LogLevel.Information, Message = "Room {RoomId}: product {ProductId} added by {StaffId}")]
        public static partial void Added(ILogger logger, string roomId, string productId, string staffId);

        [LoggerMessage(EventId = 9701, Level = LogLevel.Warning, Message = "Room {RoomId}: refused an image for product {ProductId}: {Reason}")]
        public static partial void ImageRefused(ILogger logger, string roomId, string productId, string reason);
    }
}
