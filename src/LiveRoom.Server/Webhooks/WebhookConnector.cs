using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace LiveRoom.Server.Webhooks;

/// <summary>
/// Opens every webhook connection (the handler's <see cref="SocketsHttpHandler.ConnectCallback"/>): it resolves
/// the host itself, keeps only addresses webhooks may reach, connects to one of them, and checks the address it
/// is connected to. A name that resolved to a public address at registration and to a private one now (DNS
/// rebinding) is refused here.
/// </summary>
public sealed class WebhookConnector(IOptionsMonitor<WebhookOptions> options)
{
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var endPoint = context.DnsEndPoint;
        var addresses = await ResolveAsync(endPoint.Host, cancellationToken);
        var allowPrivate = options.CurrentValue.AllowPrivateNetworks;
        var allowed = allowPrivate ? addresses : addresses.Where(a => NetworkAddressRules.WhyRefused(a) is null).ToArray();
        if (allowed.Length == 0)
        {
            var first = addresses[0];
            throw new WebhookTargetRefusedException($"Refused: {endPoint.Host} is {first}, {NetworkAddressRules.WhyRefused(first)}.");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, endPoint.Port, cancellationToken);
            // The address actually connected to is what counts.
            if (!allowPrivate && socket.RemoteEndPoint is IPEndPoint remote && NetworkAddressRules.WhyRefused(remote.Address) is { } why)
            {
                throw new WebhookTargetRefusedException($"Refused: connected to {remote.Address}, {why}.");
            }

            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>The addresses of <paramref name="host"/> (an IP literal is itself).</summary>
    public static async Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        var literal = host.StartsWith('[') && host.EndsWith(']') ? host[1..^1] : host;
        if (IPAddress.TryParse(literal, out var address)) return [address];
        var found = await Dns.GetHostAddressesAsync(host, cancellationToken);
        return found.Length > 0 ? found : throw new SocketException((int)SocketError.HostNotFound);
    }
}
