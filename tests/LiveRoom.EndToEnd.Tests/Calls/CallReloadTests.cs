using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LiveRoom.EndToEnd.Tests.Calls;

/// <summary>
/// A participant who reloads the page during a call (docs/CALLS.md, "A page reloaded during a call"): the server
/// tells the new page of the call it is still in (<c>callStarted</c> with <c>resumed</c>), the page offers
/// afresh, the other side answers with a new peer connection, and the call's messages and recording state are
/// read again. Nobody sees the call end.
/// </summary>
public sealed class CallReloadTests(BrowserFixture fixture)
{
    /// <summary>How long a reloaded page may take to show the other side's picture again.</summary>
    private const float BackWithinMs = 15_000;

    [Fact]
    public async Task A_viewer_who_reloads_the_page_during_a_call_is_back_in_it_with_both_pictures_every_message_once_and_the_consent_still_asked()
    {
        await using var scene = await LiveCallRoom.StartAsync(fixture, "Call viewer reload");
        var agent = scene.Agent;
        var viewer = await scene.JoinViewerAsync("Rita");
        await viewer.RequestAsync("A reload");
        await agent.Entry(scene.Room.Id, "Rita").GetByRole(AriaRole.Button, new() { Name = "Accept the call of Rita" }).ClickAsync();
        await viewer.Call.ExpectStateAsync("connected", 20_000);
        await agent.Call.WaitForFramesAsync(10);
        await viewer.Call.WaitForFramesAsync(10);
        var callId = await agent.Call.Root.GetAttributeAsync("data-call-id").Limit();
        string[] said = ["Can you see me?", "Yes, I can.", "I will reload now.", "Go ahead."];
        await ExchangeAsync(viewer.Call.Items, agent.Call.Items, said);

        // The agent asks to record; the viewer reloads before answering.
        var agentBar = agent.Page.Locator(".calls-active .call-recording");
        await agent.Call.Root.GetByRole(AriaRole.Button, new() { Name = "Record", Exact = true }).ClickAsync();
        var dialog = viewer.Page.GetByRole(AriaRole.Dialog, new() { Name = "Record this call?" });
        await Expect(dialog).ToBeVisibleAsync();

        await viewer.Page.ReloadAsync(new() { Timeout = 30_000 }).Limit(TimeSpan.FromSeconds(35));

        // The new page is in the call again: the picture both ways, within a few seconds.
        await Expect(viewer.Panel).ToHaveAttributeAsync("data-call-phase", "inCall", new() { Timeout = BackWithinMs });
        await Expect(viewer.Call.Root).ToHaveAttributeAsync("data-call-id", callId!);
        await viewer.Call.ExpectStateAsync("connected", BackWithinMs);
        await viewer.Call.WaitForFramesAsync(10, BackWithinMs);
        var agentFrames = await agent.Call.FramesDecodedAsync();
        await agent.Call.WaitForFramesAsync(agentFrames + 15, BackWithinMs);
        await Expect(agent.Calls).ToHaveCountAsync(1);
        await Expect(agent.Call.Root).ToHaveAttributeAsync("data-call-id", callId!);
        await Expect(agent.Root).ToHaveAttributeAsync("data-active-calls", "1");
        await Expect(agent.Page.Locator(".wrapup-card")).ToHaveCountAsync(0);

        // The messages of before, each once and in order; the consent is asked again, and agreeing records.
        var viewerItems = viewer.Call.Items;
        await Expect(viewerItems.Messages.Locator(".call-item-text")).ToHaveTextAsync(said, new() { Timeout = BackWithinMs });
        await Expect(viewerItems.Messages.Locator(".call-item-from")).ToHaveTextAsync(["You", "Staff agent", "You", "Staff agent"]);
        var ids = await viewerItems.Messages.EvaluateAllAsync<string[]>("lines => lines.map(line => line.dataset.messageId)").Limit();
        ids.Distinct().Count().ShouldBe(said.Length, "each message shows once");
        await Expect(dialog).ToBeVisibleAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "I agree" }).ClickAsync();
        await Expect(viewer.Page.Locator(".call-slot .call-recording")).ToHaveAttributeAsync("data-recording-state", "recording");
        await Expect(agentBar).ToHaveAttributeAsync("data-recording-state", "recording");

        // The call goes on both ways.
        await viewerItems.SendAsync("I am back.");
        await Expect(agent.Call.Items.Messages.Locator(".call-item-text")).ToHaveTextAsync([.. said, "I am back."]);
        await agent.Call.Items.SendAsync("Welcome back.");
        await Expect(viewerItems.Messages.Locator(".call-item-text")).ToHaveTextAsync([.. said, "I am back.", "Welcome back."]);

        await viewer.Call.HangUpButton.ClickAsync();
        await Expect(agent.Root).ToHaveAttributeAsync("data-active-calls", "0");
        viewer.Viewer.Watch.ShouldBeClean();
        agent.Console.Watch.ShouldBeClean();
    }

    [Fact]
    public async Task An_agent_who_reloads_the_console_during_a_call_is_back_in_it_with_both_pictures_every_message_once_and_their_recording_stopped()
    {
        await using var scene = await LiveCallRoom.StartAsync(fixture, "Call agent reload");
        var agent = scene.Agent;
        var viewer = await scene.JoinViewerAsync("Omar");
        await viewer.RequestAsync();
        await agent.Entry(scene.Room.Id, "Omar").GetByRole(AriaRole.Button, new() { Name = "Accept the call of Omar" }).ClickAsync();
        await viewer.Call.ExpectStateAsync("connected", 20_000);
        await agent.Call.WaitForFramesAsync(10);
        await viewer.Call.WaitForFramesAsync(10);
        var callId = await agent.Call.Root.GetAttributeAsync("data-call-id").Limit();
        string[] said = ["Hello.", "Hello, one moment please.", "Sure.", "Thanks for waiting."];
        await ExchangeAsync(viewer.Call.Items, agent.Call.Items, said);

        // Recording runs (the viewer agreed) when the agent reloads.
        var viewerBar = viewer.Page.Locator(".call-slot .call-recording");
        await agent.Call.Root.GetByRole(AriaRole.Button, new() { Name = "Record", Exact = true }).ClickAsync();
        await viewer.Page.GetByRole(AriaRole.Dialog, new() { Name = "Record this call?" }).GetByRole(AriaRole.Button, new() { Name = "I agree" }).ClickAsync();
        await Expect(viewerBar).ToHaveAttributeAsync("data-recording-state", "recording");

        await agent.Page.ReloadAsync(new() { Timeout = 30_000 }).Limit(TimeSpan.FromSeconds(35));

        // The console shows the call again, with the picture both ways within a few seconds.
        await Expect(agent.Calls).ToHaveCountAsync(1, new() { Timeout = BackWithinMs });
        await Expect(agent.Call.Root).ToHaveAttributeAsync("data-call-id", callId!);
        await agent.Call.ExpectStateAsync("connected", BackWithinMs);
        await agent.Call.WaitForFramesAsync(10, BackWithinMs);
        var viewerFrames = await viewer.Call.FramesDecodedAsync();
        await viewer.Call.WaitForFramesAsync(viewerFrames + 15, BackWithinMs);
        await Expect(viewer.Panel).ToHaveAttributeAsync("data-call-phase", "inCall");
        await Expect(agent.Root).ToHaveAttributeAsync("data-active-calls", "1");
        await Expect(agent.Availability).ToHaveAttributeAsync("aria-checked", "true");

        // The messages of before, each once and in order.
        var agentItems = agent.Call.Items;
        await Expect(agentItems.Messages.Locator(".call-item-text")).ToHaveTextAsync(said, new() { Timeout = BackWithinMs });
        await Expect(agentItems.Messages.Locator(".call-item-from")).ToHaveTextAsync(["Omar", "You", "Omar", "You"]);
        var ids = await agentItems.Messages.EvaluateAllAsync<string[]>("lines => lines.map(line => line.dataset.messageId)").Limit();
        ids.Distinct().Count().ShouldBe(said.Length, "each message shows once");

        // The take the old page was recording cannot go on from the new one: it stops, for both.
        var agentBar = agent.Page.Locator(".calls-active .call-recording");
        await Expect(agentBar).ToHaveAttributeAsync("data-recording-state", "stopped");
        await Expect(viewerBar).ToHaveAttributeAsync("data-recording-state", "stopped");
        await Expect(agentBar).ToContainTextAsync("Recording stopped.");

        // The call goes on both ways.
        await agentItems.SendAsync("I had to reload.");
        await Expect(viewer.Call.Items.Messages.Locator(".call-item-text")).ToHaveTextAsync([.. said, "I had to reload."]);
        await viewer.Call.Items.SendAsync("No problem.");
        await Expect(agentItems.Messages.Locator(".call-item-text")).ToHaveTextAsync([.. said, "I had to reload.", "No problem."]);

        await agent.Call.HangUpButton.ClickAsync();
        await Expect(viewer.Panel).ToHaveAttributeAsync("data-call-phase", "ended");
        await Expect(agent.Root).ToHaveAttributeAsync("data-active-calls", "0");
        viewer.Viewer.Watch.ShouldBeClean();
        agent.Console.Watch.ShouldBeClean();
    }

    /// <summary>Messages alternately from the viewer and the agent, each seen on the other side before the next.</summary>
    private static async Task ExchangeAsync(CallItemsPart viewerItems, CallItemsPart agentItems, string[] texts)
    {
        for (var i = 0; i < texts.Length; i++)
        {
            var (from, to) = i % 2 == 0 ? (viewerItems, agentItems) : (agentItems, viewerItems);
            await from.SendAsync(texts[i]);
            await Expect(to.Messages).ToHaveCountAsync(i + 1);
        }
    }
}
