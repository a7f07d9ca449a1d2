using LiveRoom.Contracts.Calls;
using LiveRoom.Grains.Calls;
using LiveRoom.Server.Calls.Ice;
using LiveRoom.Server.Delivery;
using LiveRoom.Server.Hubs;
using LiveRoom.Server.Startup;

namespace LiveRoom.Server.Calls;

/// <summary>
/// Private pull-aside calls: the queue, agents and calls live in grains; the hub methods are in
/// <c>RoomHub.Calls.cs</c>; here are the options, the ICE servers, and how call events reach people.
/// </summary>
public static class CallsFeature
{
    public static WebApplicationBuilder AddCalls(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddLiveRoomOptions<CallOptions>(CallOptions.SectionName);
        builder.AddCallIce();
        services.AddSingleton<IHubConnectionHook, CallConnectionHook>();
        services.AddPersonalEvent<QueueStatus>((client, e) => client.queue(e));
        services.AddPersonalEvent<CallQueueChanged>((client, e) => client.callQueue([.. e.Entries]));
        services.AddPersonalEvent<QueueOpenChanged>((client, e) => client.callQueueOpen(e));
        services.AddPersonalEvent<CallOffer>((client, e) => client.callOffer(e));
        services.AddPersonalEvent<AgentStatus>((client, e) => client.agentStatus(e));
        services.AddSingleton<IPersonalEventRoute, CallStartedRoute>();
        services.AddPersonalEvent<CallSignal>((client, e) => client.signal(e));
        services.AddPersonalEvent<CallEnded>((client, e) => client.callEnded(e));
        services.AddPersonalEvent<CallUpdated>((client, e) => client.callUpdated(e.Call));
        services.AddPersonalEvent<CallInvite>((client, e) => client.callInvite(e));
        services.AddPersonalEvent<CallRecordingStatus>((client, e) => client.recordingState(e));
        return builder;
    }

    public static WebApplication MapCalls(this WebApplication app)
    {
        app.MapCallsApi();
        app.MapCallBacksApi();
        return app;
    }
}
