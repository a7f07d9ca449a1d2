using System.Net;
using System.Net.Sockets;

namespace LiveRoom.Shared;

/// <summary>
/// A TCP connection from a chosen local address (127.0.0.2, 127.0.0.3, … on loopback), so a server sees
/// several clients: a SocketsHttpHandler's ConnectCallback.
/// </summary>
internal static class SourceAddressSocket
{
    public static async ValueTask<Stream> ConnectAsync(IPAddress source, DnsEndPoint server, CancellationToken cancellationToken)
    {
        var socket = new Socket(source.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            socket.Bind(new IPEndPoint(source, 0));
            await socket.ConnectAsync(server, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
