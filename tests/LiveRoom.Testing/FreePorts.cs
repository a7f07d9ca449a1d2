using System.Net;
using System.Net.Sockets;

namespace LiveRoom.Testing;

/// <summary>Free loopback TCP ports, so test servers run beside each other and beside a running LiveRoom.</summary>
public static class FreePorts
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
