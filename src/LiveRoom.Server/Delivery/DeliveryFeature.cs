using LiveRoom.Grains.Delivery;
using LiveRoom.Server.Startup;

namespace LiveRoom.Server.Delivery;

/// <summary>How events reach people: this node's listeners for the rooms it has connections in.</summary>
public static class DeliveryFeature
{
    public static WebApplicationBuilder AddDelivery(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddLiveRoomOptions<FanoutOptions>(FanoutOptions.SectionName);
        services.AddSingleton<RoomFanout>();
        services.AddHostedService(sp => sp.GetRequiredService<RoomFanout>());
        return builder;
    }
}
