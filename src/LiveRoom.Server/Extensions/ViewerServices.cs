using LiveRoom.Server.Options;
using LiveRoom.Server.Viewers;

namespace LiveRoom.Server;

/// <summary>The viewer capability's services: per-identity connection slots and their limits.</summary>
public static class ViewerServices
{
    public static IServiceCollection AddLiveRoomViewers(this IServiceCollection services)
    {
        services.AddOptions<ViewerOptions>()
            .BindConfiguration(ViewerOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<ViewerConnections>();
        return services;
    }
}
