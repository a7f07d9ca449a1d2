using System.Net;
using LiveRoom.Server.Auth;
using LiveRoom.Server.Diagnostics;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.HostFiltering;

namespace LiveRoom.Server.Security;

/// <summary>Host filtering from the server's own URLs, who may read <c>/metrics</c>, and anti-forgery for the jobs dashboard.</summary>
public static class RequestSecurityExtensions
{
    public static IServiceCollection AddLiveRoomRequestSecurity(this IServiceCollection services)
    {
        services.AddSingleton<ServerOrigins>();
        // ASP.NET Core's host filtering (on by default, allowing "*" unless AllowedHosts is configured) answers
        // only to this server's own host names, so a DNS-rebinding page's Host header gets 400. An explicit
        // AllowedHosts setting still wins ("*" turns filtering off).
        services.AddOptions<HostFilteringOptions>().PostConfigure<ServerOrigins, IConfiguration>((hosts, origins, configuration) =>
        {
            if (string.IsNullOrWhiteSpace(configuration["AllowedHosts"])) hosts.AllowedHosts = [.. origins.AllowedHosts()];
        });

        services.AddOptions<MetricsOptions>().BindConfiguration(MetricsOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate(m => m.Networks().All(n => IPNetwork.TryParse(n, out _)), "LiveRoom:Metrics:AllowedNetworks takes CIDR networks such as 10.0.0.0/8.")
            .ValidateOnStart();

        // Hangfire's dashboard checks an anti-forgery token on its actions (requeue, delete) when the
        // anti-forgery services are registered.
        services.AddAntiforgery(antiforgery =>
        {
            antiforgery.Cookie.Name = "liveroom_antiforgery";
            antiforgery.Cookie.SameSite = SameSiteMode.Strict;
            antiforgery.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });

        // Cookies are Secure when the request came over HTTPS (SameAsRequest); and always when the public URLs
        // are https, which covers a TLS-terminating proxy in front (no forwarded headers are trusted here).
        services.AddOptions<CookieAuthenticationOptions>(Roles.StaffCookieScheme).PostConfigure<ServerOrigins>((cookie, origins) =>
        {
            if (origins.PublicOverHttps) cookie.Cookie.SecurePolicy = CookieSecurePolicy.Always;
        });
        services.AddOptions<AntiforgeryOptions>().PostConfigure<ServerOrigins>((antiforgery, origins) =>
        {
            if (origins.PublicOverHttps) antiforgery.Cookie.SecurePolicy = CookieSecurePolicy.Always;
        });
        return services;
    }

    /// <summary>The jobs dashboard: staff may look, only admins may act (requeue, delete, trigger).</summary>
    public static Hangfire.DashboardOptions JobsDashboardOptions() => new()
    {
        Authorization = [],
        DashboardTitle = "LiveRoom jobs",
        AppPath = "/console",
        IsReadOnlyFunc = context => !Hangfire.Dashboard.AspNetCoreDashboardContextExtensions.GetHttpContext(context).User.IsInRole(Roles.Admin),
    };
}
