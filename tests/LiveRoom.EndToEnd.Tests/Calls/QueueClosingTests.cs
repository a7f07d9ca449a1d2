using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LiveRoom.EndToEnd.Tests.Calls;

/// <summary>
/// Staff close a room's call queue from the console and open it again (docs/CALLS-PAGES.md): while it is
/// closed a viewer who asks for a call is offered the call-back form; every agent serving the room sees
/// the state, whoever changed it.
/// </summary>
public sealed class QueueClosingTests(BrowserFixture fixture)
{
    [Fact]
    public async Task An_agent_closes_the_queue_so_a_viewer_is_offered_a_call_back_then_opens_it_again_and_the_viewer_can_queue()
    {
        await using var scene = await LiveCallRoom.StartAsync(fixture, "Closing queue");
        var agent = scene.Agent;
        var roomId = scene.Room.Id;
        var queue = agent.QueueRoom(roomId);
        var toggle = agent.QueueOpenToggle(roomId);
        var badge = queue.Locator(".queue-closed-badge");
        await Expect(queue).ToHaveAttributeAsync("data-open", "true");
        await Expect(toggle).ToHaveTextAsync("Close queue");
        await Expect(toggle).ToHaveAttributeAsync("aria-pressed", "false");
        await Expect(badge).ToBeHiddenAsync();

        // Closed from the keyboard: focus stays on the toggle, which now offers to open the queue.
        await toggle.FocusAsync();
        await agent.Page.Keyboard.PressAsync("Enter");
        await Expect(queue).ToHaveAttributeAsync("data-open", "false");
        await Expect(toggle).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(toggle).ToHaveTextAsync("Open queue");
        await Expect(agent.Page.GetByRole(AriaRole.Button, new() { Name = $"Open queue: {scene.Title}", Exact = true })).ToBeFocusedAsync();
        await Expect(badge).ToHaveTextAsync("Queue closed");

        // A colleague who starts serving the room now sees it closed.
        var (colleague, _) = await scene.JoinColleagueAsync();
        await colleague.ServeAsync(scene.Title, roomId);
        await Expect(colleague.QueueRoom(roomId)).ToHaveAttributeAsync("data-open", "false");
        await Expect(colleague.QueueRoom(roomId).Locator(".queue-closed-badge")).ToBeVisibleAsync();

        // "Talk privately" is answered with the call-back form instead of a place in the queue.
        var viewer = await scene.JoinViewerAsync("Noor");
        await viewer.TalkButton.ClickAsync();
        await Expect(viewer.Panel).ToHaveAttributeAsync("data-call-phase", "callback");
        var form = viewer.Page.GetByRole(AriaRole.Form, new() { Name = "Ask to be called back" });
        await Expect(form).ToBeVisibleAsync();
        await Expect(viewer.QueueCard).ToBeHiddenAsync();
        await Expect(agent.Entries(roomId)).ToHaveCountAsync(0);
        await form.GetByRole(AriaRole.Button, new() { Name = "Not now" }).ClickAsync();
        await Expect(viewer.Panel).ToHaveAttributeAsync("data-call-phase", "idle");

        // Opened again: both agents see it, and the viewer gets a place in the queue.
        await toggle.ClickAsync();
        await Expect(queue).ToHaveAttributeAsync("data-open", "true");
        await Expect(toggle).ToHaveAttributeAsync("aria-pressed", "false");
        await Expect(toggle).ToHaveTextAsync("Close queue");
        await Expect(badge).ToBeHiddenAsync();
        await Expect(colleague.QueueRoom(roomId)).ToHaveAttributeAsync("data-open", "true");
        await Expect(colleague.QueueOpenToggle(roomId)).ToHaveTextAsync("Close queue");

        await viewer.RequestAsync("Delivery times");
        await Expect(viewer.Position).ToHaveAttributeAsync("data-position", "1");
        await Expect(agent.Entry(roomId, "Noor")).ToBeVisibleAsync();
        viewer.Viewer.Watch.ShouldBeClean();
        agent.Console.Watch.ShouldBeClean();
    }
}
