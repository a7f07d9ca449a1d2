using LiveRoom.Contracts.Funnel;
using LiveRoom.Server.Live;
using LiveRoom.Server.Startup;

namespace LiveRoom.Server.Products;

/// <summary>Product cards: each room's product list, cards shown at a moment of the stream, and their clicks (see docs/PRODUCTS.md).</summary>
public static class ProductsFeature
{
    public static WebApplicationBuilder AddProducts(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddLiveRoomOptions<ProductOptions>(ProductOptions.SectionName);
        services.AddSingleton<StreamClock>();
        services.AddSingleton<CardClickBatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<CardClickBatcher>());
        // Live media playlists carry an EXT-X-DATERANGE for each card shown.
        services.AddSingleton<IMediaPlaylistAmender, CardDateRanges>();
        // The funnel's timeline marks when each card was shown.
        services.AddSingleton<ITimelineMarkerSource, CardShowMarkers>();
        return builder;
    }

    public static WebApplication MapProducts(this WebApplication app)
    {
        app.MapProductsApi();
        app.MapProductCardsApi();
        return app;
    }
}
