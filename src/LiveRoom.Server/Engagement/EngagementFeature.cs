using LiveRoom.Server.Hubs;

namespace LiveRoom.Server.Engagement;

/// <summary>
/// Engagement: what each viewer does in a room is counted by their viewer grain and written in batches
/// (<c>IEngagementLog</c>); watch time comes from the connections (<see cref="WatchTimeTracker"/>).
/// </summary>
public static class EngagementFeature
{
    public static WebApplicationBuilder AddEngagement(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<WatchTimeTracker>();
        services.AddHostedService(sp => sp.GetRequiredService<WatchTimeTracker>());
        services.AddSingleton<IHubConnectionHook, EngagementConnectionHook>();
        return builder;
    }
}
