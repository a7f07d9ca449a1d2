using System.Text.Json;
using LiveRoom.Server.Calls.Ice;
using Microsoft.Extensions.Logging.Abstractions;

namespace LiveRoom.EndToEnd.Tests.Calls;

/// <summary>
/// Two Chromium browsers in a call that may only use TURN (<c>iceTransportPolicy: "relay"</c>) through a real
/// coturn running the production configuration, with credentials minted by <see cref="TurnCredentialMinter"/>:
/// minted credentials carry video and data through the relay; expired or forged ones get no relay at all.
/// </summary>
public sealed class TurnRelayTests(BrowserFixture browser, CoturnRelayFixture coturn) : IClassFixture<CoturnRelayFixture>
{
    [Fact]
    public async Task A_call_forced_through_the_relay_with_minted_credentials_connects_and_carries_video_and_data()
    {
        var callId = Guid.NewGuid().ToString("N");
        var minter = Minter(coturn.Server.Secret, TimeProvider.System);
        await using var viewerContext = await browser.NewContextAsync();
        await using var agentContext = await browser.NewContextAsync();
        var viewer = await RelayPeer.OpenAsync(viewerContext, minter.For(callId, "viewer-1", TimeSpan.FromMinutes(5)));
        var agent = await RelayPeer.OpenAsync(agentContext, minter.For(callId, "agent-1", TimeSpan.FromMinutes(5)));

        var offer = await viewer.OfferAsync();
        await viewer.AcceptAnswerAsync(await agent.AnswerAsync(offer));
        await viewer.WaitUntilGatheredAsync();
        await agent.WaitUntilGatheredAsync();
        var viewerCandidates = await viewer.CandidatesAsync();
        var agentCandidates = await agent.CandidatesAsync();
        viewerCandidates.ShouldNotBeEmpty(Describe(await viewer.CandidateErrorsAsync()));
        agentCandidates.ShouldNotBeEmpty(Describe(await agent.CandidateErrorsAsync()));
        viewerCandidates.Concat(agentCandidates).ShouldAllBe(c => c.GetProperty("candidate").GetString()!.Contains(" typ relay", StringComparison.Ordinal));
        await agent.AddCandidatesAsync(viewerCandidates);
        await viewer.AddCandidatesAsync(agentCandidates);

        await viewer.WaitUntilConnectedAsync();
        await agent.WaitUntilConnectedAsync();
        foreach (var side in new[] { viewer, agent })
        {
            var pair = (await side.SelectedPairAsync()).ShouldNotBeNull("no candidate pair was selected");
            pair.GetProperty("localType").GetString().ShouldBe("relay", pair.ToString());
            pair.GetProperty("remoteType").GetString().ShouldBe("relay", pair.ToString());
            pair.GetProperty("localAddress").GetString().ShouldBe("127.0.0.1", pair.ToString());
            pair.GetProperty("url").GetString().ShouldNotBeNull().ShouldContain($":{coturn.Server.Port}");
        }

        await agent.WaitUntilFramesDecodedAsync(10);
        await viewer.RoundTripAsync("hello through the relay");
    }

    [Theory]
    [InlineData("expired")]
    [InlineData("minted with another secret")]
    public async Task A_call_with_an_expired_or_forged_credential_gets_no_relay_and_does_not_connect(string credential)
    {
        var callId = Guid.NewGuid().ToString("N");
        var minter = credential == "expired"
            ? Minter(coturn.Server.Secret, new ShiftedTimeProvider(TimeSpan.FromDays(-1))) // a day ago, for a call of a minute
            : Minter("not-the-relays-secret-0123456789", TimeProvider.System);
        await using var viewerContext = await browser.NewContextAsync();
        await using var agentContext = await browser.NewContextAsync();
        var viewerServers = minter.For(callId, "viewer-1", TimeSpan.FromMinutes(1));
        var viewer = await RelayPeer.OpenAsync(viewerContext, viewerServers);
        var agent = await RelayPeer.OpenAsync(agentContext, minter.For(callId, "agent-1", TimeSpan.FromMinutes(1)));

        var offer = await viewer.OfferAsync();
        await viewer.AcceptAnswerAsync(await agent.AnswerAsync(offer));
        await viewer.WaitUntilGatheredAsync();
        await agent.WaitUntilGatheredAsync();

        foreach (var side in new[] { viewer, agent })
        {
            (await side.CandidatesAsync()).ShouldBeEmpty();
            // The relay answered the allocation with 401 Unauthorized until the browser gave up.
            var errors = await side.CandidateErrorsAsync();
            errors.ShouldContain(e => e.GetProperty("code").GetInt32() == 401 && e.GetProperty("url").GetString() == coturn.Server.Url, Describe(errors));
            (await side.IceConnectionStateAsync()).ShouldNotBeOneOf("connected", "completed");
            (await side.SelectedPairAsync()).ShouldBeNull();
        }

        // The browser did reach the relay, and the relay refused this very credential.
        var username = viewerServers.Single().Username!;
        coturn.Server.Log().ShouldContain(username);
    }

    private TurnCredentialMinter Minter(string secret, TimeProvider time)
    {
        var options = new CallIceOptions();
        options.Turn.Urls = [coturn.Server.Url];
        options.Turn.Secret = secret;
        return new TurnCredentialMinter(Microsoft.Extensions.Options.Options.Create(options), time, NullLogger<TurnCredentialMinter>.Instance);
    }

    private static string Describe(IReadOnlyList<JsonElement> errors) =>
        errors.Count == 0 ? "no icecandidateerror either" : "icecandidateerror: " + string.Join("; ", errors.Select(e => e.ToString()));

    /// <summary>The system clock moved by a fixed amount: credentials minted with it expire in the past.</summary>
    private sealed class ShiftedTimeProvider(TimeSpan shift) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + shift;
    }
}
