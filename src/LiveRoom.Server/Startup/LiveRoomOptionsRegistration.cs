namespace LiveRoom.Server.Startup;

/// <summary>How every feature binds its options: from configuration, validated at start.</summary>
public static class LiveRoomOptionsRegistration
{
    public static IServiceCollection AddLiveRoomOptions<T>(this IServiceCollection services, string section)
        where T : class
    {
        services.AddOptions<T>().BindConfiguration(section).ValidateDataAnnotations().ValidateOnStart();
        return services;
    }
}
