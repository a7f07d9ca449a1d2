using System.Net;
using System.Net.Sockets;

namespace LiveRoom.Server.Viewers;

/// <summary>
/// The network a client comes from, as limits and bans see it: an IPv4 address, or the /64 an IPv6
/// address belongs to (one home or office gets a whole /64, so a single IPv6 address means little).
/// </summary>
public static class ClientAddress
{
    public const string Unknown = "unknown";

    public static string Of(IPAddress? address)
    {
        if (address is null) return Unknown;
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return address.ToString();
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    public static string Of(HttpContext context) => Of(context.Connection.RemoteIpAddress);
}
