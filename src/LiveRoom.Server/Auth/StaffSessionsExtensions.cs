using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.SignalR;

namespace LiveRoom.Server.Auth;

/// <summary>Revocable staff sessions: security stamps checked on every request, the cookie and the hub; sign-in back-off.</summary>
public static class StaffSessionsExtensions
{
    public static IServiceCollection AddLiveRoomStaffSessions(this IServiceCollection services)
    {
        services.AddOptions<StaffSessionOptions>().BindConfiguration(StaffSessionOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<SecurityStampCache>();
        services.AddSingleton<StaffConnections>();
        services.AddSingleton<StaffSessions>();
        services.AddSingleton<LoginBackoff>();
        services.AddSingleton<StaffSessionHubFilter>();
        services.AddHostedService<StaffConnectionSweeper>();
        services.Configure<HubOptions>(hub => hub.AddFilter<StaffSessionHubFilter>());
        services.PostConfigure<CookieAuthenticationOptions>(Roles.StaffCookieScheme, cookie =>
        {
            var previous = cookie.Events.OnValidatePrincipal;
            cookie.Events.OnValidatePrincipal = async context =>
            {
                await previous(context);
                var sessions = context.HttpContext.RequestServices.GetRequiredService<StaffSessions>();
                if (context.Principal is null || !await sessions.IsCurrentAsync(context.Principal, context.HttpContext.RequestAborted))
                {
                    context.RejectPrincipal();
                    await context.HttpContext.SignOutAsync(Roles.StaffCookieScheme);
                }
            };
        });
        return services;
    }

    /// <summary>After <c>UseAuthentication</c>: a staff token whose stamp is no longer current counts as none.</summary>
    public static IApplicationBuilder UseLiveRoomStaffSessions(this IApplicationBuilder app) => app.UseMiddleware<StaffSessionMiddleware>();
}
