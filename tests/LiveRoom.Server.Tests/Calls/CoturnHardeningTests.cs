using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using LiveRoom.Contracts.Calls;
using LiveRoom.Testing;

namespace LiveRoom.Server.Tests.Calls;

/// <summary>
/// infra/coturn/turnserver.conf, run by a real coturn and probed with coturn's own client: credentials minted by
/// <c>TurnCredentialMinter</c> allocate, expired or forged ones do not, and a relay reaches public addresses but
/// not this machine nor the private, link-local, reserved or IPv4-mapped ranges.
/// </summary>
public sealed partial class CoturnHardeningTests(HardenedCoturnFixture coturn) : IClassFixture<HardenedCoturnFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private CoturnServer Server => coturn.Server;

    [Fact]
    public void TheProductionConfigurationLoadsWithoutAnError()
    {
        // coturn logs a line it cannot parse (a CIDR range, a typo) as an ERROR and runs on without it.
        coturn.StartupLog.Where(line => line.Contains("ERROR", StringComparison.Ordinal)).ShouldBeEmpty(string.Join(Environment.NewLine, coturn.StartupLog));
        var denied = File.ReadLines(CoturnServer.ProductionConfiguration).Count(line => line.StartsWith("denied-peer-ip=", StringComparison.Ordinal));
        coturn.StartupLog.Count(line => line.Contains("Black listing: ", StringComparison.Ordinal)).ShouldBe(denied);
        denied.ShouldBeGreaterThan(20);
    }

    [Fact]
    public void TheProductionConfigurationNeverAllowsLoopbackPeers() =>
        File.ReadLines(CoturnServer.ProductionConfiguration)
            .Where(line => !line.TrimStart().StartsWith('#'))
            .ShouldNotContain(line => line.Contains("allow-loopback-peers", StringComparison.Ordinal) || line.Contains("allowed-peer-ip", StringComparison.Ordinal));

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("2606:4700:4700::1111")]
    public async Task AMintedCredentialAllocatesARelayThatMayReachAPublicAddress(string peer)
    {
        var (outcome, output) = await TurnClient.ReachPeerAsync(Server, Mint(), peer, TestContext.Current.CancellationToken).WaitAsync(Timeout, TestContext.Current.CancellationToken);

        outcome.ShouldBe(TurnOutcome.PeerAllowed, output);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.53.1.2")]
    [InlineData("0.0.0.0")]
    [InlineData("::1")]
    [InlineData("::")]
    [InlineData("::ffff:127.0.0.1")] // IPv4-mapped loopback: a dual-stack relay socket sends it to 127.0.0.1
    [InlineData("::ffff:0.0.0.0")]
    [InlineData("::127.0.0.1")] // IPv4-compatible (deprecated)
    public async Task ARelayCannotReachThisMachine(string peer) => await RefusedAsync(peer);

    [Theory]
    [InlineData("10.0.0.1")]
    [InlineData("100.64.0.1")] // carrier-grade NAT
    [InlineData("169.254.169.254")] // cloud metadata
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.254")]
    [InlineData("192.0.0.1")]
    [InlineData("192.0.2.1")]
    [InlineData("192.88.99.1")]
    [InlineData("192.168.1.1")]
    [InlineData("198.18.0.1")]
    [InlineData("198.51.100.1")]
    [InlineData("203.0.113.1")]
    [InlineData("224.0.0.251")]
    [InlineData("240.0.0.1")]
    [InlineData("255.255.255.255")]
    [InlineData("::ffff:10.0.0.1")]
    [InlineData("::ffff:169.254.169.254")]
    [InlineData("::ffff:192.168.1.1")]
    [InlineData("::10.0.0.0")]
    [InlineData("64:ff9b::a9fe:a9fe")] // NAT64 of 169.254.169.254
    [InlineData("64:ff9b:1::1")]
    [InlineData("100::1")]
    [InlineData("2001::1")] // Teredo
    [InlineData("2001:db8::1")]
    [InlineData("2002:c0a8:101::1")] // 6to4 of 192.168.1.1
    [InlineData("fc00::1")]
    [InlineData("fd00::2")]
    [InlineData("fe80::1")]
    [InlineData("fec0::1")]
    [InlineData("ff02::1")]
    public async Task ARelayCannotReachPrivateLinkLocalOrReservedAddresses(string peer) => await RefusedAsync(peer);

    [Fact]
    public async Task AnExpiredCredentialCannotAllocate()
    {
        // Minted a day ago for a call of one minute: its expiry is long past.
        var expired = TurnCredentialMinterTests.Minter(Relay, TimeProvider.System.GetUtcNow().AddDays(-1)).For(CallId(), "viewer-1", TimeSpan.FromMinutes(1)).Single();

        var (outcome, output) = await TurnClient.ReachPeerAsync(Server, expired, "8.8.8.8", TestContext.Current.CancellationToken).WaitAsync(Timeout, TestContext.Current.CancellationToken);

        outcome.ShouldBe(TurnOutcome.AllocationRefused, output);
    }

    [Theory]
    [InlineData("another secret")]
    [InlineData("a later expiry")]
    [InlineData("another participant")]
    [InlineData("a changed password")]
    public async Task AForgedCredentialCannotAllocate(string forgery)
    {
        var genuine = Mint();
        var parts = genuine.Username!.Split(':');
        var forged = forgery switch
        {
            "another secret" => TurnCredentialMinterTests.Minter(o =>
            {
                Relay(o);
                o.Turn.Secret = "not-the-servers-secret-0123";
            }, TimeProvider.System.GetUtcNow()).For(CallId(), "viewer-1").Single(),
            // Keeping the password but moving the expiry a year on, or naming someone else, must not work.
            "a later expiry" => genuine with { Username = $"{long.Parse(parts[0], CultureInfo.InvariantCulture) + 365 * 24 * 3600}:{parts[1]}:{parts[2]}" },
            "another participant" => genuine with { Username = $"{parts[0]}:{parts[1]}:agent-9" },
            _ => genuine with { Credential = "A" + genuine.Credential![1..] },
        };

        var (outcome, output) = await TurnClient.ReachPeerAsync(Server, forged, "8.8.8.8", TestContext.Current.CancellationToken).WaitAsync(Timeout, TestContext.Current.CancellationToken);

        outcome.ShouldBe(TurnOutcome.AllocationRefused, output);
    }

    [Fact]
    public async Task OneCredentialHoldsNoMoreRelaysThanTheUserQuota()
    {
        var quota = int.Parse(File.ReadLines(CoturnServer.ProductionConfiguration).Single(line => line.StartsWith("user-quota=", StringComparison.Ordinal))["user-quota=".Length..], CultureInfo.InvariantCulture);
        var credential = Mint();
        // Each client of turnutils_uclient allocates two relays: enough clients for one more than the quota.
        var clients = (quota / 2) + 1;
        var start = new ProcessStartInfo(CoturnServer.FindExecutable("turnutils_uclient")) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[]
        {
            "-v", "-p", Server.Port.ToString(CultureInfo.InvariantCulture), "-u", credential.Username!, "-w", credential.Credential!,
            "-e", "8.8.8.8", "-n", "0", "-c", "-m", clients.ToString(CultureInfo.InvariantCulture), "127.0.0.1",
        })
        {
            start.ArgumentList.Add(argument);
        }

        using var client = Process.Start(start) ?? throw new InvalidOperationException("turnutils_uclient did not start.");
        var output = client.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var errors = client.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        try
        {
            // Refused at the quota, the client gives up and exits.
            await client.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(Timeout, TestContext.Current.CancellationToken);
        }
        finally
        {
            if (!client.HasExited) client.Kill(entireProcessTree: true);
        }

        var text = await output.WaitAsync(Timeout, TestContext.Current.CancellationToken) + await errors.WaitAsync(Timeout, TestContext.Current.CancellationToken);
        RelayAddress().Count(text).ShouldBe(quota, text);
        text.ShouldContain("error 486 (Allocation Quota Reached)");
    }

    private async Task RefusedAsync(string peer)
    {
        var (outcome, output) = await TurnClient.ReachPeerAsync(Server, Mint(), peer, TestContext.Current.CancellationToken).WaitAsync(Timeout, TestContext.Current.CancellationToken);

        outcome.ShouldBe(TurnOutcome.PeerRefused, $"{peer} was not refused.{Environment.NewLine}{output}");
    }

    /// <summary>A fresh credential for a call of its own, so the probes do not share one user's quota.</summary>
    private IceServer Mint() => TurnCredentialMinterTests.Minter(Relay, TimeProvider.System.GetUtcNow()).For(CallId(), "viewer-1").Single();

    private void Relay(LiveRoom.Server.Calls.Ice.CallIceOptions options)
    {
        options.Turn.Urls = [Server.Url];
        options.Turn.Secret = Server.Secret;
    }

    private static string CallId() => Guid.NewGuid().ToString("N");

    [GeneratedRegex("Received relay addr")]
    private static partial Regex RelayAddress();
}
