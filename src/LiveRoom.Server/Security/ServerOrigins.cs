using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using LiveRoom.Server.Startup;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace LiveRoom.Server.Security;

/// <summary>
/// This server's own origins and the host names it answers to, from configuration rather than from the
/// request's <c>Host</c> header (which a DNS-rebinding page controls): <c>LiveRoom:PublicUrls</c> and
/// <c>LiveRoom:PublicBaseUrl</c> when set, otherwise the listening URLs. Loopback names always count, so the
/// machine itself (health checks, metrics scrapers, tests) keeps working.
/// </summary>
public sealed class ServerOrigins
{
    private static readonly string[] LoopbackHosts = ["localhost", "127.0.0.1", "[::1]"];

    private readonly Uri[] _public;
    private readonly IServer _server;
    private readonly Lazy<string[]> _machineHosts = new(MachineHosts);

    public ServerOrigins(IConfiguration configuration, IOptions<LiveRoomOptions> options, IServer server)
    {
        _server = server;
        _public = [.. options.Value.PublicUrls.Append(options.Value.PublicBaseUrl ?? string.Empty)
            .Where(u => !string.IsNullOrWhiteSpace(u))
            .Select(u => Uri.TryCreate(u.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
                ? uri
                : throw new InvalidOperationException($"LiveRoom:PublicUrls: '{u}' is not an http(s) URL."))];
        ConfiguredListenUrls = ListenUrls(configuration);
    }

    /// <summary>
    /// True when a configured public URL is https: browsers reach the server over HTTPS even where a proxy in
    /// front of it speaks plain HTTP to it, so its cookies are always <c>Secure</c>.
    /// </summary>
    public bool PublicOverHttps => _public.Any(u => u.Scheme == Uri.UriSchemeHttps);

    /// <summary>The URLs the server was told to listen on (ports may be 0).</summary>
    public IReadOnlyList<string> ConfiguredListenUrls { get; }

    /// <summary>The host names <c>Host</c> headers may carry (for ASP.NET Core's host filtering).</summary>
    public IReadOnlyList<string> AllowedHosts() =>
        [.. LoopbackHosts.Concat(_public.Select(HostOf)).Concat(_public.Length > 0 ? [] : ConfiguredListenUrls.SelectMany(ListenHosts)).Distinct(StringComparer.OrdinalIgnoreCase)];

    /// <summary>True when a browser page from <paramref name="origin"/> was served by this server.</summary>
    public bool IsOwn(Uri origin)
    {
        if (_public.Any(p => SameOrigin(p, origin))) return true;
        var listening = _server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        foreach (var address in listening)
        {
            if (!Uri.TryCreate(address.Replace("://+", "://0.0.0.0", StringComparison.Ordinal).Replace("://*", "://0.0.0.0", StringComparison.Ordinal), UriKind.Absolute, out var listen)) continue;
            if (!string.Equals(listen.Scheme, origin.Scheme, StringComparison.OrdinalIgnoreCase) || listen.Port != origin.Port) continue;
            var hosts = _public.Length > 0 ? LoopbackHosts : ListenHosts(address);
            if (hosts.Contains(HostOf(origin), StringComparer.OrdinalIgnoreCase)) return true;
        }

        return false;
    }

    /// <summary>The host names a listening URL answers to: a wildcard means loopback and this machine's names and addresses.</summary>
    internal IEnumerable<string> ListenHosts(string url) => HostsFor(url, _machineHosts.Value);

    internal static IEnumerable<string> HostsFor(string url, IEnumerable<string> machineHosts)
    {
        var host = url.Split("://", 2) is [_, var rest] ? rest.Split('/')[0] : url;
        host = host.StartsWith('[') ? host[..(host.IndexOf(']', StringComparison.Ordinal) + 1)] : host.Split(':')[0];
        if (host is "+" or "*" or "0.0.0.0" or "[::]") return LoopbackHosts.Concat(machineHosts);
        if (LoopbackHosts.Contains(host, StringComparer.OrdinalIgnoreCase) || IPAddress.TryParse(host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip))
        {
            return LoopbackHosts.Append(host).Distinct(StringComparer.OrdinalIgnoreCase);
        }

        return [host];
    }

    private static string HostOf(Uri uri) => uri.HostNameType == UriHostNameType.IPv6 ? $"[{uri.IdnHost.Trim('[', ']')}]" : uri.IdnHost;

    private static bool SameOrigin(Uri a, Uri b) =>
        string.Equals(a.Scheme, b.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(HostOf(a), HostOf(b), StringComparison.OrdinalIgnoreCase)
        && a.Port == b.Port;

    private static string[] ListenUrls(IConfiguration configuration)
    {
        var urls = (configuration["urls"] ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Concat(configuration.GetSection("Kestrel:Endpoints").GetChildren().Select(e => e["Url"]).OfType<string>())
            .ToArray();
        // The server's own default (LiveRoomHost) when nothing is configured.
        return urls.Length > 0 ? urls : ["http://127.0.0.1:5080"];
    }

    private static string[] MachineHosts()
    {
        var hosts = new List<string> { Dns.GetHostName() };
        try
        {
            foreach (var nic in NetworkInterface.GetAllNetworkInterfaces().Where(n => n.OperationalStatus == OperationalStatus.Up))
            {
                foreach (var unicast in nic.GetIPProperties().UnicastAddresses)
                {
                    var address = unicast.Address;
                    hosts.Add(address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{new IPAddress(address.GetAddressBytes())}]" : address.ToString());
                }
            }
        }
        catch (NetworkInformationException)
        {
            // Only the host name then.
        }

        return [.. hosts.Distinct(StringComparer.OrdinalIgnoreCase)];
    }
}
