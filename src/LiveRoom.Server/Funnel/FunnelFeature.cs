using LiveRoom.Contracts.Funnel;
using LiveRoom.Server.Startup;

namespace LiveRoom.Server.Funnel;

/// <summary>The conversion funnel: per room and across rooms, its timeline, per-agent call figures, CSV (see docs/FUNNEL.md).</summary>
public static class FunnelFeature
{
    public static WebApplicationBuilder AddFunnel(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddLiveRoomOptions<EngagementWeights>(EngagementWeights.SectionName);
        services.AddSingleton<ITimelineMarkerSource, RoomLifecycleMarkers>();
        return builder;
    }

    public static WebApplication MapFunnel(this WebApplication app)
    {
        app.MapFunnelApi();
        return app;
    }
}
