using Microsoft.AspNetCore.SignalR;

namespace LiveRoom.Server.Viewers;

/// <summary>The viewer capability's services: per-identity connection caps and their limits.</summary>
public static class ViewerServices
{
    public static IServiceCollection AddLiveRoomViewers(this IServiceCollection services)
    {
        services.AddOptions<ViewerOptions>()
            .BindConfiguration(ViewerOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<ViewerConnections>();
        services.AddSingleton<ViewerConnectionLimitFilter>();
        services.Configure<HubOptions>(hub => hub.AddFilter<ViewerConnectionLimitFilter>());
        return services;
    }
}
