using LiveRoom.Contracts.Common;
using LiveRoom.Contracts.Products;
using LiveRoom.Server.Auth;
using LiveRoom.Server.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LiveRoom.Server.Products;

/// <summary>
/// Showing products: staff on the live desk show a product (it becomes a card stamped with stream time, sent to
/// every page and kept on the room's shelf); anyone reads the shelf (the replay page has no identity).
/// </summary>
public static partial class ProductCardEndpoints
{
    public static IEndpointRouteBuilder MapProductCardsApi(this IEndpointRouteBuilder app)
    {
        var room = app.MapGroup("/api/rooms/{roomId}").WithTags("Products");
        room.MapPost("/products/{productId}/show", ShowAsync).RequireAuthorization(Roles.StaffPolicy);
        room.MapGet("/cards", ShelfAsync).AllowAnonymous();
        return app;
    }

    private static async Task<Results<Ok<ProductCard>, ProblemHttpResult>> ShowAsync(
        string roomId, string productId, HttpContext context, IGrainFactory grains, IProducts products, StreamClock clock, ILoggerFactory loggers)
    {
        var cancellationToken = context.RequestAborted;
        var product = await products.GetAsync(roomId, productId, cancellationToken);
        if (product is null) return Problems.Typed(ProductEndpoints.NoSuchProduct);
        var (now, streamTime) = await clock.ReadAsync(roomId, cancellationToken);
        var card = new ProductCard(
            "cd_" + Guid.NewGuid().ToString("N")[..16], roomId, product.Id, product.Title, product.Price, product.Link, product.CouponCode, product.ImageUrl, now, streamTime);
        var shown = await grains.Room(roomId).ShowProductAsync(card);
        if (!shown.IsSuccess) return Problems.Typed(shown.Refusal!);
        Log.Shown(loggers.CreateLogger(typeof(ProductCardEndpoints)), roomId, product.Id, Caller.From(context.User)!.Id, (streamTime - now).TotalMilliseconds);
        return TypedResults.Ok(shown.Value!);
    }

    private static async Task<Results<Ok<IReadOnlyList<ProductCard>>, ProblemHttpResult>> ShelfAsync(string roomId, IGrainFactory grains)
    {
        if (!await ProductEndpoints.RoomExistsAsync(grains, roomId)) return Problems.Typed(Refusals.RoomNotFound);
        return TypedResults.Ok(await grains.Room(roomId).GetShelfAsync());
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 9712, Level = LogLevel.Information, Message = "Room {RoomId}: {StaffId} showed product {ProductId} (stream clock {OffsetMilliseconds} ms from the server's)")]
        public static partial void Shown(ILogger logger, string roomId, string productId, string staffId, double offsetMilliseconds);
    }
}
