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
        var (viewerPage, network) = await JoinWithCuttableHubAsync(scene, "Roaming");
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

    [Fact]
    public async Task After_the_viewers_connection_drops_and_the_call_is_rejoined_the_viewer_has_every_message_in_order_once_including_those_written_meanwhile()
    {
        await using var scene = await LiveCallRoom.StartAsync(fixture, "Call messages rejoin");
        var agent = scene.Agent;
        var (viewerPage, network) = await JoinWithCuttableHubAsync(scene, "Tess");
        var viewer = new CallViewer(viewerPage);
        await viewer.RequestAsync();
        await agent.Entry(scene.Room.Id, "Tess").GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Accept the call of Tess" }).ClickAsync();
        await viewer.Call.ExpectStateAsync("connected", 20_000);
        var viewerItems = viewer.Call.Items;
        var agentItems = agent.Call.Items;

        // A few messages each way, each seen on the other side before the next.
        string[] before = ["Hello, can you hear me?", "Yes, loud and clear.", "My parcel never came.", "Let me look it up."];
        for (var i = 0; i < before.Length; i++)
        {
            var (from, to) = i % 2 == 0 ? (viewerItems, agentItems) : (agentItems, viewerItems);
            await from.SendAsync(before[i]);
            await Expect(to.Messages).ToHaveCountAsync(i + 1);
        }

        await Expect(viewerItems.Messages.Locator(".call-item-text")).ToHaveTextAsync(before);

        // The viewer's connection drops; the agent writes twice meanwhile (no event can reach the viewer).
        await network.CutAsync();
        await Expect(viewerPage.Connection).ToHaveAttributeAsync("data-state", "reconnecting");
        string[] meanwhile = ["It left our depot on Monday.", "I will send a new one today."];
        foreach (var text in meanwhile) await agentItems.SendAsync(text);
        await Expect(viewerItems.Root).ToHaveAttributeAsync("data-messages", "4");

        // Back: the page rejoins the call, reads its history and shows every message once, in order.
        network.Restore();
        await Expect(viewerPage.Connection).ToHaveAttributeAsync("data-state", "connected", new() { Timeout = 30_000 });
        await viewer.Call.ExpectStateAsync("connected");
        await Expect(viewer.Panel).ToHaveAttributeAsync("data-call-phase", "inCall");
        string[] all = [.. before, .. meanwhile];
        await Expect(viewerItems.Root).ToHaveAttributeAsync("data-messages", "6", new() { Timeout = 20_000 });
        await Expect(viewerItems.Messages.Locator(".call-item-text")).ToHaveTextAsync(all);
        await Expect(viewerItems.Messages.Locator(".call-item-from")).ToHaveTextAsync(["You", "Staff agent", "You", "Staff agent", "Staff agent", "Staff agent"]);
        var ids = await viewerItems.Messages.EvaluateAllAsync<string[]>("lines => lines.map(line => line.dataset.messageId)").Limit();
        ids.Distinct().Count().ShouldBe(all.Length, "each message shows once");

        // The call goes on: a message after the rejoin reaches the agent, the agent's reaches the viewer.
        await viewerItems.SendAsync("Thank you!");
        await Expect(agentItems.Messages.Last.Locator(".call-item-text")).ToHaveTextAsync("Thank you!");
        await agentItems.SendAsync("You are welcome.");
        await Expect(viewerItems.Messages.Locator(".call-item-text")).ToHaveTextAsync([.. all, "Thank you!", "You are welcome."]);
        await Expect(agentItems.Messages.Locator(".call-item-text")).ToHaveTextAsync([.. all, "Thank you!", "You are welcome."]);

        await viewer.Call.HangUpButton.ClickAsync();
        await Expect(agent.Root).ToHaveAttributeAsync("data-active-calls", "0");
        viewerPage.Watch.ShouldBeClean();
        agent.Console.Watch.ShouldBeClean();
    }

    /// <summary>A viewer joined on a page whose hub connection the test can cut and restore.</summary>
    private static async Task<(ViewerPage Page, HubNetworkCut Network)> JoinWithCuttableHubAsync(LiveCallRoom scene, string name)
    {
        var context = await scene.Browser.NewContextAsync();
        var page = await context.NewPageAsync().Limit();
        var network = await HubNetworkCut.AttachAsync(page);
        var viewerPage = ViewerPage.Attach(page);
        await page.GotoAsync($"r/{scene.Room.Id}");
        await viewerPage.JoinAsync(name);
        return (viewerPage, network);
    }
}
