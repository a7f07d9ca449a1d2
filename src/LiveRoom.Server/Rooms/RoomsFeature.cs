using LiveRoom.Grains.Chat;
using LiveRoom.Server.Startup;
using LiveRoom.Server.Viewers;

namespace LiveRoom.Server.Rooms;

/// <summary>Rooms, their viewers, chat and questions: the rooms API (the hub carries the rest).</summary>
public static class RoomsFeature
{
    public static WebApplicationBuilder AddRooms(this WebApplicationBuilder builder)
    {
        builder.Services.AddLiveRoomOptions<ChatOptions>(ChatOptions.SectionName);
        builder.Services.AddLiveRoomViewers();
        return builder;
    }

    public static WebApplication MapRooms(this WebApplication app)
    {
        app.MapRoomsApi();
        return app;
    }
}
