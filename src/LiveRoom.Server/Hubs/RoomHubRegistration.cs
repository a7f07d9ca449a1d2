using LiveRoom.Contracts.Wire;
using LiveRoom.Server.Startup;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.Options;

namespace LiveRoom.Server.Hubs;

/// <summary>The room hub's services: SignalR with both protocols, the call limits and the refusal guard.</summary>
public static class RoomHubRegistration
{
    public static WebApplicationBuilder AddRoomHub(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        // SignalR writes every exception a hub method ends with as an error with its stack trace, and a
        // refusal is a HubException: one connection could write gigabytes an hour. HubRefusalFilter logs
        // refusals (bounded per connection) and real failures (with their stack traces) instead.
        builder.Logging.AddFilter("Microsoft.AspNetCore.SignalR.Internal.DefaultHubDispatcher", LogLevel.Critical);
        services.AddLiveRoomOptions<HubLimitsOptions>(HubLimitsOptions.SectionName);
        services.AddSingleton<HubRefusalGuard>();
        services.AddSingleton<HubRefusalFilter>();
        services.AddSingleton<HubCallRateLimitFilter>();
        services.AddSignalR(hub =>
            {
                hub.EnableDetailedErrors = false;
                // The first filter is the outermost: it sees the rate limit's refusals too.
                hub.AddFilter<HubRefusalFilter>();
                hub.AddFilter<HubCallRateLimitFilter>();
            })
            .AddJsonProtocol(json => WireFormat.Configure(json.PayloadSerializerOptions))
            .AddMessagePackProtocol(messagePack => messagePack.SerializerOptions = WireFormat.MessagePack);
        services.AddOptions<HubOptions>()
            .Configure<IOptions<HubLimitsOptions>>((hub, limits) => hub.MaximumReceiveMessageSize = limits.Value.MaximumReceiveMessageSize);

        // Calls SignalR cannot bind are refused by the hub like any other call (UnboundCallProtocol).
        for (var i = 0; i < services.Count; i++)
        {
            var protocol = services[i];
            if (protocol.ServiceType != typeof(IHubProtocol) || protocol.ImplementationType is not { } type) continue;
            services[i] = ServiceDescriptor.Singleton<IHubProtocol>(sp => new UnboundCallProtocol((IHubProtocol)ActivatorUtilities.CreateInstance(sp, type)));
        }

        return builder;
    }

    public static WebApplication MapRoomHub(this WebApplication app)
    {
        app.MapHub<RoomHub>("/hubs/room", hub => hub.Transports = HttpTransportType.WebSockets | HttpTransportType.ServerSentEvents | HttpTransportType.LongPolling);
        return app;
    }
}
