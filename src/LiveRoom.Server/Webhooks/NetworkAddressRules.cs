using System.Net;
using System.Net.Sockets;

namespace LiveRoom.Server.Webhooks;

/// <summary>
/// Which addresses a webhook may not reach unless private networks are allowed: loopback, private (RFC 1918,
/// fc00::/7), link-local (169.254/16 with the cloud metadata address, fe80::/10), CGNAT (100.64/10), multicast,
/// unspecified and the other reserved ranges. IPv4 inside IPv6 (mapped, NAT64, 6to4) is judged as the IPv4 address.
/// </summary>
public static class NetworkAddressRules
{
    private static readonly (IPAddress Network, int Prefix, string Why)[] V4 =
    [
        (IPAddress.Parse("0.0.0.0"), 8, "an unspecified (\"this network\") address"),
        (IPAddress.Parse("10.0.0.0"), 8, "a private network address"),
        (IPAddress.Parse("100.64.0.0"), 10, "a carrier-grade NAT (shared) address"),
        (IPAddress.Parse("127.0.0.0"), 8, "a loopback address"),
        (IPAddress.Parse("169.254.0.0"), 16, "a link-local address (cloud metadata lives here)"),
        (IPAddress.Parse("172.16.0.0"), 12, "a private network address"),
        (IPAddress.Parse("192.0.0.0"), 24, "a reserved (IETF protocol) address"),
        (IPAddress.Parse("192.0.2.0"), 24, "a reserved (documentation) address"),
        (IPAddress.Parse("192.88.99.0"), 24, "a reserved (6to4 relay) address"),
        (IPAddress.Parse("192.168.0.0"), 16, "a private network address"),
        (IPAddress.Parse("198.18.0.0"), 15, "a reserved (benchmarking) address"),
        (IPAddress.Parse("198.51.100.0"), 24, "a reserved (documentation) address"),
        (IPAddress.Parse("203.0.113.0"), 24, "a reserved (documentation) address"),
        (IPAddress.Parse("224.0.0.0"), 4, "a multicast address"),
        (IPAddress.Parse("240.0.0.0"), 4, "a reserved address"),
    ];

    private static readonly (IPAddress Network, int Prefix, string Why)[] V6 =
    [
        (IPAddress.Parse("fc00::"), 7, "a private network (unique local) address"),
        (IPAddress.Parse("fe80::"), 10, "a link-local address"),
        (IPAddress.Parse("fec0::"), 10, "a site-local address"),
        (IPAddress.Parse("ff00::"), 8, "a multicast address"),
        (IPAddress.Parse("100::"), 64, "a reserved (discard) address"),
        (IPAddress.Parse("2001:db8::"), 32, "a reserved (documentation) address"),
        (IPAddress.Parse("2001::"), 23, "a reserved (IETF protocol) address"),
    ];

    private static readonly IPAddress Nat64 = IPAddress.Parse("64:ff9b::");
    private static readonly IPAddress SixToFour = IPAddress.Parse("2002::");
    private static readonly IPAddress GlobalUnicast = IPAddress.Parse("2000::");

    /// <summary>Why a webhook may not reach <paramref name="address"/>, or null when it is a public address.</summary>
    public static string? WhyRefused(IPAddress address)
    {
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            if (address.IsIPv4MappedToIPv6) return WhyRefused(address.MapToIPv4());
            if (address.Equals(IPAddress.IPv6None)) return "an unspecified address";
            if (address.Equals(IPAddress.IPv6Loopback)) return "a loopback address";
            var bytes = address.GetAddressBytes();
            if (InNetwork(bytes, Nat64.GetAddressBytes(), 96)) return WhyRefused(new IPAddress(bytes[12..16]));
            if (InNetwork(bytes, SixToFour.GetAddressBytes(), 16)) return WhyRefused(new IPAddress(bytes[2..6]));
            foreach (var (network, prefix, why) in V6)
            {
                if (InNetwork(bytes, network.GetAddressBytes(), prefix)) return why;
            }

            // Everything outside 2000::/3 (global unicast) is reserved, the IPv4-compatible ::/96 included.
            return InNetwork(bytes, GlobalUnicast.GetAddressBytes(), 3) ? null : "a reserved address";
        }

        if (address.AddressFamily != AddressFamily.InterNetwork) return "not an IP address";
        if (address.Equals(IPAddress.Broadcast)) return "the broadcast address";
        var v4 = address.GetAddressBytes();
        foreach (var (network, prefix, why) in V4)
        {
            if (InNetwork(v4, network.GetAddressBytes(), prefix)) return why;
        }

        return null;
    }

    private static bool InNetwork(byte[] address, byte[] network, int prefix)
    {
        if (address.Length != network.Length) return false;
        var whole = prefix / 8;
        for (var i = 0; i < whole; i++)
        {
            if (address[i] != network[i]) return false;
        }

        var rest = prefix % 8;
        if (rest == 0) return true;
        var mask = (byte)(0xFF << (8 - rest));
        return (address[whole] & mask) == (network[whole] & mask);
    }
}
