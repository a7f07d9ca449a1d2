using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LiveRoom.EndToEnd.Tests.Calls;

/// <summary>
/// An agent who takes two calls at once (capacity 2, docs/CALLS.md <c>SetAvailability</c>): the console shows
/// both calls side by side, both viewers see the agent, and a third viewer waits first in line, rung to
/// nobody, until one of the calls ends.
/// </summary>
public sealed class AgentCapacityTests(BrowserFixture fixture)
{
    [Fact]
    public async Task An_agent_with_capacity_2_holds_two_calls_at_once_while_a_third_viewer_waits_first_in_line_until_one_ends()
    {
        await using var scene = await LiveCallRoom.StartAsync(fixture, "Call capacity");
        var agent = scene.Agent;
        var roomId = scene.Room.Id;
        await Expect(agent.StatusText).ToHaveTextAsync("0 of 1 calls");
        await agent.SetCapacityAsync(2);
        await Expect(agent.StatusText).ToHaveTextAsync("0 of 2 calls");
        await Expect(agent.Capacity).ToHaveValueAsync("2");

        // Two viewers, one after the other: each rings and is taken while the first call goes on.
        var ivy = await scene.JoinViewerAsync("Ivy");
        var jon = await scene.JoinViewerAsync("Jon");
        await ivy.RequestAsync("First");
        await agent.OfferFrom("Ivy").GetByRole(AriaRole.Button, new() { Name = "Accept" }).ClickAsync();
        await ivy.Call.ExpectStateAsync("connected", 20_000);
        await Expect(agent.Root).ToHaveAttributeAsync("data-active-calls", "1");
        await Expect(agent.StatusText).ToHaveTextAsync("1 of 2 calls");

        await jon.RequestAsync("Second");
        await Expect(agent.OfferFrom("Jon")).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await agent.OfferFrom("Jon").GetByRole(AriaRole.Button, new() { Name = "Accept" }).ClickAsync();
        await jon.Call.ExpectStateAsync("connected", 20_000);
        await Expect(agent.Root).ToHaveAttributeAsync("data-active-calls", "2");
        await Expect(agent.StatusText).ToHaveTextAsync("2 of 2 calls");

        // Both calls are on the console at once, each with its own viewer, and every picture moves.
        var ivyCallId = await ivy.Call.Root.GetAttributeAsync("data-call-id").Limit();
        var jonCallId = await jon.Call.Root.GetAttributeAsync("data-call-id").Limit();
        ivyCallId.ShouldNotBeNull();
        jonCallId.ShouldNotBeNull();
        ivyCallId.ShouldNotBe(jonCallId);
        await Expect(agent.Calls).ToHaveCountAsync(2);
        var withIvy = agent.CallOf(ivyCallId);
        var withJon = agent.CallOf(jonCallId);
        await Expect(withIvy.Root).ToBeVisibleAsync();
        await Expect(withJon.Root).ToBeVisibleAsync();
        await withIvy.ExpectStateAsync("connected", 20_000);
        await withJon.ExpectStateAsync("connected", 20_000);
        await Expect(agent.Page.Locator($".call-with-context[data-call-id='{ivyCallId}'] .call-context")).ToContainTextAsync("First");
        await Expect(agent.Page.Locator($".call-with-context[data-call-id='{jonCallId}'] .call-context")).ToContainTextAsync("Second");
        await withIvy.WaitForFramesAsync(10, 30_000);
        await withJon.WaitForFramesAsync(10, 30_000);
        await ivy.Call.WaitForFramesAsync(10, 30_000);
        await jon.Call.WaitForFramesAsync(10, 30_000);
        await Expect(ivy.Panel).ToHaveAttributeAsync("data-call-phase", "inCall");
        await Expect(jon.Panel).ToHaveAttributeAsync("data-call-phase", "inCall");

        // A message in one call stays in that call.
        await ivy.Call.Items.SendAsync("Only for the first call");
        await Expect(withIvy.Items.Messages).ToHaveCountAsync(1);
        await Expect(withIvy.Items.Messages.Locator(".call-item-text")).ToHaveTextAsync("Only for the first call");
        await Expect(withJon.Items.Root).ToHaveAttributeAsync("data-messages", "0");

        // A third viewer waits first in line: the agent is full, so nobody is rung.
        var kit = await scene.JoinViewerAsync("Kit");
        await kit.RequestAsync("Third");
        await Expect(kit.Position).ToHaveAttributeAsync("data-position", "1");
        await Expect(kit.QueueCard).ToHaveAttributeAsync("data-state", "waiting");
        await Expect(kit.Position).ToHaveTextAsync("You are next");
        await Expect(agent.Entry(roomId, "Kit")).ToHaveAttributeAsync("data-state", "waiting");
        await Expect(agent.Ringing(roomId, "Kit")).ToBeHiddenAsync();
        await Expect(agent.Offer).ToHaveCountAsync(0);

        // Accepting beyond the capacity is refused in the console's words; the calls go on.
        await agent.Entry(roomId, "Kit").GetByRole(AriaRole.Button, new() { Name = "Accept the call of Kit" }).ClickAsync();
        await Expect(agent.Page.Locator(".calls-page > .inline-error")).ToHaveTextAsync("You are at your capacity: finish a call first.");
        await Expect(agent.Calls).ToHaveCountAsync(2);
        await Expect(kit.QueueCard).ToHaveAttributeAsync("data-state", "waiting");

        // Ivy hangs up: Jon's call goes on, and Kit rings at once.
        var jonFrames = await withJon.FramesDecodedAsync();
        await ivy.Call.HangUpButton.ClickAsync();
        await Expect(ivy.Panel).ToHaveAttributeAsync("data-call-phase", "ended");
        await Expect(agent.Calls).ToHaveCountAsync(1);
        await Expect(withIvy.Root).ToHaveCountAsync(0);
        await Expect(agent.Root).ToHaveAttributeAsync("data-active-calls", "1");
        await Expect(agent.OfferFrom("Kit")).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await Expect(kit.QueueCard).ToHaveAttributeAsync("data-state", "offered");
        await Expect(kit.Position).ToHaveAttributeAsync("data-position", "1");
        await withJon.ExpectStateAsync("connected");
        await withJon.WaitForFramesAsync(jonFrames + 10);
        await Expect(jon.Panel).ToHaveAttributeAsync("data-call-phase", "inCall");

        // Kit is taken: two calls again, Jon's and Kit's.
        await agent.OfferFrom("Kit").GetByRole(AriaRole.Button, new() { Name = "Accept" }).ClickAsync();
        await kit.Call.ExpectStateAsync("connected", 20_000);
        await Expect(agent.Calls).ToHaveCountAsync(2);
        await Expect(agent.StatusText).ToHaveTextAsync("2 of 2 calls");
        var kitCallId = await kit.Call.Root.GetAttributeAsync("data-call-id").Limit();
        kitCallId.ShouldNotBeNull();
        await agent.CallOf(kitCallId).WaitForFramesAsync(5, 30_000);
        await kit.Call.WaitForFramesAsync(5, 30_000);
        await Expect(agent.Entries(roomId)).ToHaveCountAsync(0);

        await jon.Call.HangUpButton.ClickAsync();
        await kit.Call.HangUpButton.ClickAsync();
        await Expect(agent.Root).ToHaveAttributeAsync("data-active-calls", "0");
        await Expect(agent.Calls).ToHaveCountAsync(0);
        ivy.Viewer.Watch.ShouldBeClean();
        jon.Viewer.Watch.ShouldBeClean();
        kit.Viewer.Watch.ShouldBeClean();
        agent.Console.Watch.ShouldBeClean();
    }
}
