using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LiveRoom.EndToEnd.Tests.Calls;

/// <summary>
/// When nobody serves a room's queue, asking for a call is refused with <c>no_agents</c> and the viewer is
/// offered a call-back form instead (docs/CALLS.md, call-backs). What the form checks before sending is
/// tested here; sending it needs the call-backs endpoint.
/// </summary>
public sealed class CallBackFormTests(BrowserFixture fixture)
{
    [Fact]
    public async Task With_no_agent_serving_the_room_asking_for_a_call_offers_the_call_back_form_which_needs_a_way_to_reach_the_viewer_and_consent()
    {
        await using var scene = await LiveCallRoom.StartAsync(fixture, "Nobody serves");
        var agent = scene.Agent;
        await agent.Page.GetByRole(AriaRole.Switch, new() { Name = $"Serve the call queue of {scene.Title}" }).UncheckAsync();
        await Expect(agent.Page.Locator($".served-room[data-room-id='{scene.Room.Id}']")).ToHaveAttributeAsync("data-serving", "false");
        await agent.SetAvailableAsync(false);

        var viewer = await scene.JoinViewerAsync("Bo");
        await viewer.Topic.FillAsync("Returns");
        await viewer.TalkButton.ClickAsync();
        await Expect(viewer.Panel).ToHaveAttributeAsync("data-call-phase", "callback");
        var form = viewer.Page.GetByRole(AriaRole.Form, new() { Name = "Ask to be called back" });
        await Expect(form).ToBeVisibleAsync();
        await Expect(form).ToContainTextAsync("Nobody can take calls right now.");
        await Expect(form.GetByLabel("Your name")).ToHaveValueAsync("Bo");
        await Expect(form.GetByLabel("Topic (optional)")).ToHaveValueAsync("Returns");
        await Expect(form.GetByLabel("Phone")).ToBeFocusedAsync();

        await form.GetByRole(AriaRole.Button, new() { Name = "Call me back" }).ClickAsync();
        await Expect(form.Locator(".inline-error")).ToHaveTextAsync("Give a phone number or an e-mail address.");
        await form.GetByLabel("Phone").FillAsync("+44 20 7946 0958");
        await form.GetByRole(AriaRole.Button, new() { Name = "Call me back" }).ClickAsync();
        await Expect(form.Locator(".inline-error")).ToHaveTextAsync("Please agree to be contacted.");

        // "Not now" gives the "Talk privately" form back.
        await form.GetByRole(AriaRole.Button, new() { Name = "Not now" }).ClickAsync();
        await Expect(viewer.Panel).ToHaveAttributeAsync("data-call-phase", "idle");
        await Expect(viewer.TalkButton).ToBeVisibleAsync();
        viewer.Viewer.Watch.ShouldBeClean();
    }
}
