using System.Net;
using LiveRoom.Server.Webhooks;

namespace LiveRoom.Server.Tests.Webhooks;

public sealed class NetworkAddressRulesTests
{
    [Theory]
    [InlineData("127.0.0.1", "loopback")]
    [InlineData("127.255.1.2", "loopback")]
    [InlineData("10.0.0.1", "private")]
    [InlineData("172.16.0.1", "private")]
    [InlineData("172.31.255.254", "private")]
    [InlineData("192.168.0.1", "private")]
    [InlineData("169.254.169.254", "link-local")]
    [InlineData("100.64.0.1", "carrier-grade")]
    [InlineData("100.127.255.254", "carrier-grade")]
    [InlineData("0.0.0.0", "unspecified")]
    [InlineData("224.0.0.251", "multicast")]
    [InlineData("240.0.0.1", "reserved")]
    [InlineData("255.255.255.255", "broadcast")]
    [InlineData("198.18.0.1", "reserved")]
    [InlineData("::1", "loopback")]
    [InlineData("::", "unspecified")]
    [InlineData("fc00::1", "private")]
    [InlineData("fd12:3456::1", "private")]
    [InlineData("fe80::1", "link-local")]
    [InlineData("ff02::1", "multicast")]
    [InlineData("::ffff:10.0.0.1", "private")]
    [InlineData("::ffff:169.254.169.254", "link-local")]
    [InlineData("64:ff9b::7f00:1", "loopback")]
    [InlineData("2002:7f00:1::", "loopback")]
    [InlineData("2001:db8::1", "reserved")]
    public void ReservedAddressesAreRefusedWithTheirReason(string address, string reason) =>
        NetworkAddressRules.WhyRefused(IPAddress.Parse(address)).ShouldNotBeNull().ShouldContain(reason);

    [Theory]
    [InlineData("93.184.215.14")]
    [InlineData("8.8.8.8")]
    [InlineData("172.32.0.1")]
    [InlineData("100.128.0.1")]
    [InlineData("2606:4700:4700::1111")]
    [InlineData("::ffff:8.8.8.8")]
    public void PublicAddressesAreAllowed(string address) =>
        NetworkAddressRules.WhyRefused(IPAddress.Parse(address)).ShouldBeNull();
}
