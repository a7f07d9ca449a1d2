using LiveRoom.Contracts.Calls;
using LiveRoom.Server.Delivery;

namespace LiveRoom.Server.Calls.Items;

/// <summary>
/// What participants write and share during a call: messages (hub method in <c>RoomHub.CallItems.cs</c>), files
/// and snapshots (HTTP, here), each announced to the call's other participants through their presence.
/// </summary>
public static class CallItemsFeature
{
    public static WebApplicationBuilder AddCallItems(this WebApplicationBuilder builder)
    {
        builder.Services.AddPersonalEvent<CallMessageSent>((client, e) => client.callMessage(e.Message));
        builder.Services.AddPersonalEvent<CallFileShared>((client, e) => client.callFile(e.File));
        return builder;
    }

    public static WebApplication MapCallItems(this WebApplication app)
    {
        app.MapCallItemsApi();
        return app;
    }
}
