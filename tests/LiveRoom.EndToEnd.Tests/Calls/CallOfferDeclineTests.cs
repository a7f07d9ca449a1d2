using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LiveRoom.EndToEnd.Tests.Calls;

/// <summary>
/// An offer declined in the console (docs/CALLS.md, <c>DeclineOffer</c>): the ring moves on to the next free
/// agent at once, the viewer keeps their place, and the agent who declined is not rung for that viewer again
/// before their cool-down is over (<c>LiveRoom:Calls:DeclineCooldownSeconds</c>, a few seconds in these tests).
/// </summary>
public sealed class CallOfferDeclineTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_declined_offer_rings_the_other_agent_at_once_then_comes_back_to_the_first_after_their_cooldown_while_the_viewer_stays_next_in_line()
    {
        await using var scene = await LiveCallRoom.StartAsync(fixture, "Call decline");
        var (colleague, _) = await scene.JoinColleagueAsync();
        await colleague.ServeAsync(scene.Title, scene.Room.Id);
        var roomId = scene.Room.Id;
        var viewer = await scene.JoinViewerAsync("Dee");
        await viewer.RequestAsync("A refund");

        // The two agents are equally free: the queue rings one of them. Both consoles say whom it rings.
        await Expect(scene.Agent.Entry(roomId, "Dee")).ToHaveAttributeAsync("data-state", "offered", new() { Timeout = 20_000 });
        await Expect(colleague.Entry(roomId, "Dee")).ToHaveAttributeAsync("data-state", "offered");
        var rungFirst = await scene.Agent.Ringing(roomId, "Dee").TextContentAsync().Limit() == "Ringing you";
        var (first, second) = rungFirst ? (scene.Agent, colleague) : (colleague, scene.Agent);
        await Expect(first.Ringing(roomId, "Dee")).ToHaveTextAsync("Ringing you");
        await Expect(second.Ringing(roomId, "Dee")).ToHaveTextAsync("Ringing another agent");
        await Expect(first.OfferFrom("Dee")).ToBeVisibleAsync();
        await Expect(second.Offer).ToHaveCountAsync(0);
        await ExpectNextInLineAndOfferedAsync(viewer);

        // The first declines: the ring moves on to the other agent at once; the first is not rung again.
        await first.OfferFrom("Dee").GetByRole(AriaRole.Button, new() { Name = "Decline" }).ClickAsync();
        await Expect(second.OfferFrom("Dee")).ToBeVisibleAsync();
        await Expect(second.Page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "Incoming call from Dee" })).ToHaveCountAsync(1);
        await Expect(second.Ringing(roomId, "Dee")).ToHaveTextAsync("Ringing you");
        await Expect(first.Ringing(roomId, "Dee")).ToHaveTextAsync("Ringing another agent");
        await Expect(first.Offer).ToHaveCountAsync(0);
        await Expect(first.Entries(roomId)).ToHaveCountAsync(1);
        await ExpectNextInLineAndOfferedAsync(viewer);

        // The second declines too: the ring comes back to the first once their cool-down is over (it may be
        // over already), never straight back to the one who just declined.
        await second.OfferFrom("Dee").GetByRole(AriaRole.Button, new() { Name = "Decline" }).ClickAsync();
        await Expect(first.OfferFrom("Dee")).ToBeVisibleAsync(new() { Timeout = (BrowserFixture.ServerDeclineCooldownSeconds + 10) * 1000 });
        await Expect(first.Ringing(roomId, "Dee")).ToHaveTextAsync("Ringing you");
        await Expect(second.Ringing(roomId, "Dee")).ToHaveTextAsync("Ringing another agent");
        await Expect(second.Offer).ToHaveCountAsync(0);
        await ExpectNextInLineAndOfferedAsync(viewer);

        // The first takes it now: the call starts, and the queue is empty on both consoles.
        await first.OfferFrom("Dee").GetByRole(AriaRole.Button, new() { Name = "Accept" }).ClickAsync();
        await viewer.Call.ExpectStateAsync("connected", 20_000);
        await first.Call.ExpectStateAsync("connected", 20_000);
        await Expect(first.Root).ToHaveAttributeAsync("data-active-calls", "1");
        await Expect(second.Root).ToHaveAttributeAsync("data-active-calls", "0");
        await Expect(first.Entries(roomId)).ToHaveCountAsync(0);
        await Expect(second.Entries(roomId)).ToHaveCountAsync(0);
        await Expect(second.Offer).ToHaveCountAsync(0);
        await viewer.Call.WaitForFramesAsync(5);

        await viewer.Call.HangUpButton.ClickAsync();
        await Expect(first.Root).ToHaveAttributeAsync("data-active-calls", "0");
        viewer.Viewer.Watch.ShouldBeClean();
        first.Console.Watch.ShouldBeClean();
        second.Console.Watch.ShouldBeClean();
    }

    /// <summary>The viewer's queue card through every ring: still first in line, being offered.</summary>
    private static async Task ExpectNextInLineAndOfferedAsync(CallViewer viewer)
    {
        await Expect(viewer.Panel).ToHaveAttributeAsync("data-call-phase", "waiting");
        await Expect(viewer.QueueCard).ToHaveAttributeAsync("data-state", "offered");
        await Expect(viewer.Position).ToHaveAttributeAsync("data-position", "1");
        await Expect(viewer.Position).ToHaveTextAsync("Someone is about to take your call…");
        await Expect(viewer.LeaveButton).ToBeEnabledAsync();
    }
}
