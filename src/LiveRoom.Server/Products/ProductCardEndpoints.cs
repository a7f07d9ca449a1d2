using LiveRoom.Contracts.Common;
using LiveRoom.Contracts.Engagement;
using LiveRoom.Contracts.Products;
using LiveRoom.Contracts.Webhooks;
using LiveRoom.Server.Auth;
using LiveRoom.Server.Http;
using LiveRoom.Server.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LiveRoom.Server.Products;

/// <summary>
/// Showing products: staff on the live desk show a product (it becomes a card stamped with stream time, sent to
/// every page and kept on the room's shelf); anyone reads the shelf (the replay page has no identity); viewers'
/// clicks on a card count in their engagement and reach the CRM webhooks in batches.
/// </summary>
public static partial class ProductCardEndpoints
{
    public static IEndpointRouteBuilder MapProductCardsApi(this IEndpointRouteBuilder app)
    {
        var room = app.MapGroup("/api/rooms/{roomId}").WithTags("Products");
        room.MapPost("/products/{productId}/show", ShowAsync).RequireAuthorization(Roles.StaffPolicy);
        room.MapGet("/cards", ShelfAsync).AllowAnonymous();
        room.MapPost("/products/{productId}/clicks", ClickAsync).RequireAuthorization().RequireRateLimiting(RateLimiting.ViewerIdentityPolicy);
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

    /// <summary>
    /// A viewer opened a card's link: it counts in their engagement and goes to the CRM in the next batch. Only a
    /// card shown in the room counts (so no one inflates a product that was never shown).
    /// </summary>
    private static async Task<Results<NoContent, ProblemHttpResult>> ClickAsync(
        string roomId, string productId, HttpContext context, IGrainFactory grains, CardClickBatcher batcher, TimeProvider time)
    {
        var caller = Caller.From(context.User);
        if (caller is null || caller.IsStaff || !caller.CanEnter(roomId))
            return Problems.Typed(new Refusal(RefusalCode.NotAllowed, "Only a viewer of this room clicks its cards."));
        var card = (await grains.Room(roomId).GetShelfAsync()).LastOrDefault(c => c.ProductId == productId);
        if (card is null) return Problems.Typed(new Refusal(RefusalCode.NotFound, "No card of that product was shown in this room."));
        var viewer = grains.Viewer(roomId, caller.Id);
        await viewer.RecordAsync(EngagementKind.CardClick, productId);
        batcher.Add(roomId, new CardClick(productId, card.Title, caller.Id, caller.DisplayName, time.GetUtcNow()));
        return TypedResults.NoContent();
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 9712, Level = LogLevel.Information, Message = "Room {RoomId}: {StaffId} showed product {ProductId} (stream clock {OffsetMilliseconds} ms from the server's)")]
        public static partial void Shown(ILogger logger, string roomId, string productId, string staffId, double offsetMilliseconds);
    }
}
