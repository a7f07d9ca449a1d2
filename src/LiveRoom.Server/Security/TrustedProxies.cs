using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace LiveRoom.Server.Security;

/// <summary>
/// Behind a reverse proxy every request comes from the proxy's address: one viewer ban would ban everyone,
/// everyone would share one identity bucket and one sign-in limit, and a proxy on the same machine would make
/// every client look like loopback (which may read <c>/metrics</c>). Proxies listed in
/// <see cref="SecurityOptions.TrustedProxies"/> are believed about the client's address and scheme; nobody
/// else is, so a client cannot claim an address by sending the header itself.
/// </summary>
public static class TrustedProxies
{
    public static IServiceCollection AddTrustedProxies(this IServiceCollection services)
    {
        services.AddOptions<ForwardedHeadersOptions>().Configure<IConfiguration>((forwarded, configuration) =>
        {
            var proxies = configuration.GetSection(SecurityOptions.SectionName).Get<SecurityOptions>()?.TrustedProxies ?? [];
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            foreach (var proxy in proxies)
            {
                if (System.Net.IPNetwork.TryParse(proxy, out var network)) forwarded.KnownIPNetworks.Add(network);
                else if (IPAddress.TryParse(proxy, out var address)) forwarded.KnownProxies.Add(address);
                else throw new InvalidOperationException($"LiveRoom:Security:TrustedProxies takes addresses or CIDR networks; \"{proxy}\" is neither.");
            }
        });
        return services;
    }

    /// <summary>Reads the forwarded headers of trusted proxies, first thing, when any are configured.</summary>
    public static WebApplication UseTrustedProxies(this WebApplication app)
    {
        var proxies = app.Configuration.GetSection(SecurityOptions.SectionName).Get<SecurityOptions>()?.TrustedProxies ?? [];
        if (proxies.Length > 0) app.UseForwardedHeaders();
        return app;
    }
}
