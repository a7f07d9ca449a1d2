using LiveRoom.Contracts.Delivery;
using LiveRoom.Grains.Delivery;
using LiveRoom.Server.Hubs;
using LiveRoom.Server.Startup;

namespace LiveRoom.Server.Delivery;

/// <summary>
/// How events reach people: this node's one listener, its registration with the rooms it has connections in
/// (room frames), and with the presence of each person connected here (personal events).
/// </summary>
public static class DeliveryFeature
{
    public static WebApplicationBuilder AddDelivery(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddLiveRoomOptions<FanoutOptions>(FanoutOptions.SectionName);
        services.AddSingleton<NodeListener>();
        services.AddSingleton<LocalNode>();
        services.AddSingleton<RoomFanout>();
        services.AddHostedService(sp => sp.GetRequiredService<RoomFanout>());
        services.AddSingleton<PresenceTracker>();
        services.AddHostedService(sp => sp.GetRequiredService<PresenceTracker>());
        return builder;
    }

    /// <summary>Personal events of type <typeparamref name="T"/> reach their person as the hub event <paramref name="send"/> sends.</summary>
    public static IServiceCollection AddPersonalEvent<T>(this IServiceCollection services, Func<IRoomClient, T, Task> send)
        where T : PersonalEvent =>
        services.AddSingleton<IPersonalEventRoute>(new PersonalEventRoute<T>(send));
}
