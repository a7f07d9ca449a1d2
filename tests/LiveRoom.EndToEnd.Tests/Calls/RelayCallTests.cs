using LiveRoom.Testing;
using static Microsoft.Playwright.Assertions;

namespace LiveRoom.EndToEnd.Tests.Calls;

/// <summary>
/// A server whose calls all go through its TURN relay (<c>LiveRoom:Calls:Ice:TransportPolicy=relay</c>, a real
/// coturn with the production configuration plus exactly 127.0.0.1 allowed): the pages connect with the
/// credentials the server mints per call and participant, and when the relay goes away and comes back the call
/// repairs itself with an ICE restart, as it would after a network change.
/// </summary>
public sealed class RelayCallTests(BrowserFixture fixture)
{
    private static readonly string[] LoopbackPeers = ["--allow-loopback-peers", "--allowed-peer-ip=127.0.0.1"];

    [Fact]
    public async Task A_call_forced_through_the_relay_connects_with_minted_credentials_and_recovers_by_itself_when_the_relay_drops_and_returns()
    {
        var ct = TestContext.Current.CancellationToken;
        var coturn = await CoturnServer.StartAsync(LoopbackPeers, cancellationToken: ct).Limit(TimeSpan.FromSeconds(30));
        try
        {
            await using var server = await LiveRoomTestServer.StartAsync(new Dictionary<string, string?>
            {
                ["LiveRoom:Calls:Ice:Turn:Urls:0"] = coturn.Url,
                ["LiveRoom:Calls:Ice:Turn:Secret"] = coturn.Secret,
                ["LiveRoom:Calls:Ice:TransportPolicy"] = "relay",
            }, cancellationToken: ct).Limit(TimeSpan.FromSeconds(60));
            var title = BrowserFixture.UniqueTitle("Relay call");
            var room = await server.CreateRoomAsync(title, ct).Limit();
            await using var publisher = FfmpegPublisher.Start(server.PublishUrl(room.StreamKey), 120, width: 320, height: 240, fps: 15);
            await using var browser = await CallBrowser.LaunchAsync(fixture);
            var staff = await server.CreateStaffAsync("agent", ct).Limit();
            var agent = new CallAgent(await ConsolePage.SignInAsync(await browser.NewContextAsync(server: server), staff));
            await agent.OpenAsync();
            await agent.SetAvailableAsync(true);
            await agent.ServeAsync(title, room.Id);
            var viewerPage = await ViewerPage.OpenAsync(await browser.NewContextAsync(server: server), $"r/{room.Id}");
            await viewerPage.JoinAsync("Relayed");
            await Expect(viewerPage.Page.Locator(".status-badge")).ToHaveTextAsync("Live", new() { Timeout = 30_000 });
            var viewer = new CallViewer(viewerPage);

            await viewer.RequestAsync();
            await Expect(agent.Offer).ToBeVisibleAsync(new() { Timeout = 20_000 });
            await agent.Offer.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Accept" }).ClickAsync();
            await viewer.Call.ExpectStateAsync("connected", 30_000);
            await agent.Call.ExpectStateAsync("connected", 30_000);
            await viewer.Call.WaitForFramesAsync(10);
            await agent.Call.WaitForFramesAsync(10);
            // The relay goes away: the media stops and the pages say so, which shows it ran through coturn (with the
            // credentials the server minted for this call); it comes back: the call repairs itself.
            var port = coturn.Port;
            var secret = coturn.Secret;
            await coturn.DisposeAsync();
            await viewer.Call.ExpectStateAsync("reconnecting", 30_000);
            coturn = await CoturnServer.StartAsync(LoopbackPeers, cancellationToken: ct, port: port, secret: secret).Limit(TimeSpan.FromSeconds(30));

            await viewer.Call.ExpectStateAsync("connected", 45_000);
            await agent.Call.ExpectStateAsync("connected", 45_000);
            var viewerFrames = await viewer.Call.FramesDecodedAsync();
            var agentFrames = await agent.Call.FramesDecodedAsync();
            await viewer.Call.WaitForFramesAsync(viewerFrames + 15);
            await agent.Call.WaitForFramesAsync(agentFrames + 15);
            await Expect(agent.Root).ToHaveAttributeAsync("data-active-calls", "1");
            await viewer.Call.HangUpButton.ClickAsync();
            await Expect(agent.Root).ToHaveAttributeAsync("data-active-calls", "0");
        }
        finally
        {
            await coturn.DisposeAsync();
        }
    }
}
