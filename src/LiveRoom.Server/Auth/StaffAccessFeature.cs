using Microsoft.AspNetCore.Authentication.BearerToken;

namespace LiveRoom.Server.Auth;

/// <summary>
/// Who may do what: bearer tokens for the API and the hub, the console's sign-in cookie, the role
/// policies, staff sessions (sign-out and disabling end them everywhere) and the staff accounts API.
/// </summary>
public static class StaffAccessFeature
{
    public static WebApplicationBuilder AddStaffAccess(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddAuthentication(BearerTokenDefaults.AuthenticationScheme)
            .AddBearerToken(BearerTokenDefaults.AuthenticationScheme, options =>
            {
                options.Events = new BearerTokenEvents
                {
                    OnMessageReceived = context =>
                    {
                        // Browsers cannot set headers on WebSockets: the hub takes the token from the query.
                        var token = context.Request.Query["access_token"].ToString();
                        if (token.Length > 0 && context.Request.Path.StartsWithSegments("/hubs")) context.Token = token;
                        return Task.CompletedTask;
                    },
                };
            })
            .AddCookie(Roles.StaffCookieScheme, cookie =>
            {
                cookie.Cookie.Name = "liveroom_staff";
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Strict;
                cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                cookie.ExpireTimeSpan = TimeSpan.FromHours(12);
                cookie.SlidingExpiration = false;
                // An API-style answer instead of a redirect to a login page the server does not have.
                cookie.Events.OnRedirectToLogin = context =>
                {
                    context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    return Task.CompletedTask;
                };
                cookie.Events.OnRedirectToAccessDenied = context =>
                {
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                    return Task.CompletedTask;
                };
            });
        services.AddAuthorizationBuilder()
            .AddPolicy(Roles.StaffPolicy, p => p.RequireRole(Roles.Staff))
            .AddPolicy(Roles.RoomManagerPolicy, p => p.RequireRole(Roles.RoomManagers))
            .AddPolicy(Roles.ModeratorPolicy, p => p.RequireRole(Roles.Moderators))
            .AddPolicy(Roles.AdminPolicy, p => p.RequireRole(Roles.Admin))
            .AddPolicy(Roles.MarketingPolicy, p => p.RequireRole(Roles.Marketing))
            .AddPolicy(Roles.StaffPagePolicy, p => p.AddAuthenticationSchemes(Roles.StaffCookieScheme).RequireRole(Roles.Staff));
        services.AddSingleton<TokenIssuer>();
        services.AddLiveRoomStaffSessions();
        return builder;
    }

    public static WebApplication MapStaffAccess(this WebApplication app)
    {
        app.MapAuthApi();
        app.MapStaffApi();
        return app;
    }
}
