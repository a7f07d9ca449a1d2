using static Microsoft.Playwright.Assertions;

namespace LiveRoom.EndToEnd.Tests.Calls;

/// <summary>
/// A viewer whose connection to the server drops and comes back: in the queue they get their place back;
/// in a call the call goes on (the media never went through the server) and is restored on the page.
/// </summary>
public sealed class CallReconnectTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_viewer_whose_connection_drops_during_a_call_is_back_in_it_and_the_agent_never_sees_it_end()
    {
        await using var scene = await LiveCallRoom.StartAsync(fixture, "Call reconnect");
        var agent = scene.Agent;
        var context = await scene.Browser.NewContextAsync();
        var page = await context.NewPageAsync().Limit();
        var network = await HubNetworkCut.AttachAsync(page);
        var viewerPage = ViewerPage.Attach(page);
        await page.GotoAsync($"r/{scene.Room.Id}");
        await viewerPage.JoinAsync("Roaming");
        var viewer = new CallViewer(viewerPage);

        // While waiting: the drop keeps the place, the return shows it again.
        await viewer.RequestAsync("Roaming question");
        await Expect(viewer.Position).ToHaveAttributeAsync("data-position", "1");
        await network.CutAsync();
        await Expect(viewerPage.Connection).ToHaveAttributeAsync("data-state", "reconnecting");
        network.Restore();
        await Expect(viewerPage.Connection).ToHaveAttributeAsync("data-state", "connected", new() { Timeout = 30_000 });
        await Expect(viewer.QueueCard).ToBeVisibleAsync();
        await Expect(viewer.Position).ToHaveAttributeAsync("data-position", "1");

        // In the call: the media goes on while the hub is away; the page rejoins the call when it is back.
        await Expect(agent.Offer).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await agent.Offer.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Accept" }).ClickAsync();
        await viewer.Call.ExpectStateAsync("connected", 20_000);
        await agent.Call.WaitForFramesAsync(10);
        await network.CutAsync();
        await Expect(viewerPage.Connection).ToHaveAttributeAsync("data-state", "reconnecting");
        var before = await viewer.Call.FramesDecodedAsync();
        await viewer.Call.WaitForFramesAsync(before + 15);
        network.Restore();
        await Expect(viewerPage.Connection).ToHaveAttributeAsync("data-state", "connected", new() { Timeout = 30_000 });

        await viewer.Call.ExpectStateAsync("connected");
        await Expect(viewer.Panel).ToHaveAttributeAsync("data-call-phase", "inCall");
        await Expect(agent.Root).ToHaveAttributeAsync("data-active-calls", "1");
        var agentFrames = await agent.Call.FramesDecodedAsync();
        await agent.Call.WaitForFramesAsync(agentFrames + 15);
        await viewer.Call.HangUpButton.ClickAsync();
        await Expect(agent.Root).ToHaveAttributeAsync("data-active-calls", "0");
    }
}
