using LiveRoom.Server.Startup;

namespace LiveRoom.Server.Security;

/// <summary>Origins and hosts, trusted proxies, rate limits and request size limits: what protects every endpoint.</summary>
public static class SecurityFeature
{
    public static WebApplicationBuilder AddLiveRoomSecurity(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddLiveRoomOptions<SecurityOptions>(SecurityOptions.SectionName);
        services.AddLiveRoomOptions<RateLimitOptions>(RateLimitOptions.SectionName);
        services.AddLiveRoomRequestSecurity();
        services.AddTrustedProxies();
        services.AddLiveRoomRateLimits();
        services.AddRequestLimits();
        return builder;
    }
}
