using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LiveRoom.EndToEnd.Tests.Calls;

/// <summary>
/// Private pull-aside calls (docs/CALLS.md) between two real Chromium profiles with fake cameras: a
/// viewer on a live room's page and an agent on the console's Calls page. Media goes browser to browser;
/// the checks read the pages' own counters (decoded frames from getStats) and what they show.
/// </summary>
public sealed class PrivateCallTests(BrowserFixture fixture)
{
    private static string Shot(string name) => Path.Combine(BrowserFixture.ScreenshotDirectory, name + ".png");

    [Fact]
    public async Task A_viewer_waits_in_the_queue_while_the_live_plays_then_an_agent_accepts_the_ring_and_both_see_each_other_until_the_viewer_hangs_up()
    {
        await using var scene = await LiveCallRoom.StartAsync(fixture, "Private call");
        var agent = scene.Agent;
        var viewer = await scene.JoinViewerAsync("Pat");

        // Pat asks, with a topic; the queue card says where Pat stands while the live keeps playing.
        await viewer.RequestAsync("A question about my order");
        await Expect(viewer.Position).ToHaveAttributeAsync("data-position", "1");
        await Expect(viewer.Position).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("You are next|Someone is about to take your call"));
        await Expect(viewer.Estimate).ToHaveAttributeAsync("data-estimate", "known");
        await Expect(viewer.Estimate).ToContainTextAsync("Estimated wait:");
        await viewer.Viewer.WaitForPlaybackAsync(0, timeoutMs: 20_000, advancedBy: 1.5);
        await viewer.Page.ScreenshotAsync(new() { Path = Shot("call-viewer-queue-desktop") });

        // The agent sees Pat in the queue, with the topic, and Pat rings (an assertive live region says who).
        var entry = agent.Entry(scene.Room.Id, "Pat");
        await Expect(entry).ToBeVisibleAsync();
        await Expect(entry.Locator(".queue-entry-topic")).ToHaveTextAsync("A question about my order");
        await Expect(agent.Offer).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await Expect(agent.Page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "Incoming call from Pat" })).ToHaveCountAsync(1);
        await agent.Page.ScreenshotAsync(new() { Path = Shot("call-agent-ringing"), FullPage = true });
        await agent.Offer.GetByRole(AriaRole.Button, new() { Name = "Accept" }).ClickAsync();

        // Both reach "connected" and decode the other's video.
        await agent.Call.ExpectStateAsync("connected", 20_000);
        await viewer.Call.ExpectStateAsync("connected", 20_000);
        await agent.Call.WaitForFramesAsync(10);
        await viewer.Call.WaitForFramesAsync(10);
        await Expect(viewer.Panel).ToHaveAttributeAsync("data-call-phase", "inCall");
        await Expect(agent.Root).ToHaveAttributeAsync("data-active-calls", "1");
        var agentFirstFrame = await agent.Call.FirstFrameMsAsync();
        var viewerFirstFrame = await viewer.Call.FirstFrameMsAsync();
        agentFirstFrame.ShouldNotBeNull();
        viewerFirstFrame.ShouldNotBeNull();
        TestContext.Current.TestOutputHelper?.WriteLine($"first remote frame: agent {agentFirstFrame} ms after Accept, viewer {viewerFirstFrame} ms after callStarted");

        // The live goes on beside the call, silenced.
        (await viewer.LiveVideo.EvaluateAsync<bool>("v => v.muted").Limit()).ShouldBeTrue();
        await viewer.Viewer.WaitForPlaybackAsync(0, timeoutMs: 20_000, advancedBy: 1);
        await Expect(agent.Page.Locator(".call-context")).ToContainTextAsync("A question about my order");
        await viewer.Page.ScreenshotAsync(new() { Path = Shot("call-viewer-in-call-desktop") });
        await agent.Page.ScreenshotAsync(new() { Path = Shot("call-agent-in-call"), FullPage = true });

        // Pat hangs up: the call ends on both sides, the agent is back to the queue (now empty).
        await viewer.Call.HangUpButton.ClickAsync();
        await Expect(viewer.Panel).ToHaveAttributeAsync("data-call-phase", "ended");
        await Expect(viewer.Page.Locator(".call-ended-note")).ToContainTextAsync("Call ended");
        await Expect(agent.Page.Locator(".calls-active")).ToBeHiddenAsync();
        await Expect(agent.Root).ToHaveAttributeAsync("data-active-calls", "0");
        await Expect(agent.Entries(scene.Room.Id)).ToHaveCountAsync(0);
        await Expect(viewer.Call.Root).ToHaveCountAsync(0);

        viewer.Viewer.Watch.ShouldBeClean();
        agent.Console.Watch.ShouldBeClean();
    }

    [Fact]
    public async Task Muting_and_turning_the_camera_off_on_one_side_show_on_the_other_and_the_agents_hang_up_ends_the_call_for_the_viewer_on_a_phone()
    {
        await using var scene = await LiveCallRoom.StartAsync(fixture, "Call controls");
        var agent = scene.Agent;
        var viewer = await scene.JoinViewerAsync("Sam", phone: true);

        await viewer.RequestAsync();
        await viewer.Page.ScreenshotAsync(new() { Path = Shot("call-viewer-queue-phone") });
        var entry = agent.Entry(scene.Room.Id, "Sam");
        await Expect(entry.Locator(".queue-entry-topic")).ToHaveTextAsync("No topic given");
        await entry.GetByRole(AriaRole.Button, new() { Name = "Accept the call of Sam" }).ClickAsync();
        await agent.Call.ExpectStateAsync("connected", 20_000);
        await viewer.Call.ExpectStateAsync("connected", 20_000);
        await viewer.Call.WaitForFramesAsync(5);
        await agent.Call.WaitForFramesAsync(5);
        await Expect(viewer.Call.RemoteMutedBadge).ToBeHiddenAsync();
        await Expect(viewer.Call.RemoteCameraOff).ToBeHiddenAsync();

        // The viewer mutes and turns the camera off: the agent sees both.
        await viewer.Call.MuteButton.ClickAsync();
        await Expect(viewer.Call.MuteButton).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(viewer.Call.MuteButton).ToHaveTextAsync("Unmute");
        await Expect(agent.Call.Root).ToHaveAttributeAsync("data-remote-audio", "off");
        await Expect(agent.Call.RemoteMutedBadge).ToHaveTextAsync("Muted");
        await viewer.Call.CameraButton.ClickAsync();
        await Expect(viewer.Call.CameraButton).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(agent.Call.Root).ToHaveAttributeAsync("data-remote-video", "off");
        await Expect(agent.Call.RemoteCameraOff).ToHaveTextAsync("Sam turned the camera off");

        // The agent does the same: the viewer sees it.
        await agent.Call.MuteButton.ClickAsync();
        await agent.Call.CameraButton.ClickAsync();
        await Expect(viewer.Call.Root).ToHaveAttributeAsync("data-remote-audio", "off");
        await Expect(viewer.Call.Root).ToHaveAttributeAsync("data-remote-video", "off");
        await Expect(viewer.Call.RemoteMutedBadge).ToBeVisibleAsync();
        await Expect(viewer.Call.RemoteCameraOff).ToBeVisibleAsync();

        // Back on: the badges go away on the other side.
        await viewer.Call.MuteButton.ClickAsync();
        await viewer.Call.CameraButton.ClickAsync();
        await Expect(agent.Call.Root).ToHaveAttributeAsync("data-remote-audio", "on");
        await Expect(agent.Call.Root).ToHaveAttributeAsync("data-remote-video", "on");
        await Expect(agent.Call.RemoteMutedBadge).ToBeHiddenAsync();
        await Expect(agent.Call.RemoteCameraOff).ToBeHiddenAsync();
        await agent.Call.CameraButton.ClickAsync();
        await agent.Call.MuteButton.ClickAsync();
        await Expect(viewer.Call.Root).ToHaveAttributeAsync("data-remote-video", "on");
        await Expect(viewer.Call.Root).ToHaveAttributeAsync("data-remote-audio", "on");
        await viewer.Page.ScreenshotAsync(new() { Path = Shot("call-viewer-in-call-phone") });

        // The agent hangs up: the call ends for the viewer too, and the live has its sound setting back.
        await agent.Call.HangUpButton.ClickAsync();
        await Expect(agent.Root).ToHaveAttributeAsync("data-active-calls", "0");
        await Expect(viewer.Panel).ToHaveAttributeAsync("data-call-phase", "ended");
        await Expect(viewer.Page.Locator(".call-ended-note")).ToHaveAttributeAsync("data-reason", "hangup");
        await Expect(viewer.Page.Locator(".viewer-layout")).Not.ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\bin-call\b"));
        await Expect(viewer.Page.Locator(".stage-main section.video")).ToHaveAttributeAsync("data-ducked", "false");

        viewer.Viewer.Watch.ShouldBeClean();
        agent.Console.Watch.ShouldBeClean();
    }

    [Fact]
    public async Task A_second_viewer_sees_position_2_and_moves_up_to_1_when_the_first_leaves_the_queue()
    {
        await using var scene = await LiveCallRoom.StartAsync(fixture, "Call queue");
        var agent = scene.Agent;
        var first = await scene.JoinViewerAsync("Ann");
        var second = await scene.JoinViewerAsync("Ben", phone: true);

        await first.RequestAsync("First in line");
        await Expect(first.Position).ToHaveAttributeAsync("data-position", "1");
        await second.RequestAsync("Second in line");
        await Expect(second.Position).ToHaveAttributeAsync("data-position", "2");
        await Expect(second.Position).ToHaveTextAsync("You are number 2 in line");
        await Expect(second.Page.Locator(".queue-live")).ToHaveAttributeAsync("aria-live", "polite");

        // The agent's queue lists both, in order, with their waits ticking.
        await Expect(agent.Entries(scene.Room.Id)).ToHaveCountAsync(2);
        await Expect(agent.Entry(scene.Room.Id, "Ann")).ToHaveAttributeAsync("data-position", "1");
        await Expect(agent.Entry(scene.Room.Id, "Ben")).ToHaveAttributeAsync("data-position", "2");
        var waited = agent.Entry(scene.Room.Id, "Ben").Locator(".queue-entry-waited");
        var before = await waited.TextContentAsync().Limit();
        await Expect(waited).Not.ToHaveTextAsync(before ?? string.Empty, new() { Timeout = 5000 });
        await agent.Page.ScreenshotAsync(new() { Path = Shot("call-agent-queue"), FullPage = true });

        // Ann leaves: Ben is next, and the agent's queue shows only Ben.
        await first.LeaveButton.ClickAsync();
        await Expect(first.Panel).ToHaveAttributeAsync("data-call-phase", "idle");
        await Expect(first.Page.Locator(".call-panel-note")).ToHaveTextAsync("You left the queue.");
        await Expect(second.Position).ToHaveAttributeAsync("data-position", "1");
        await Expect(agent.Entries(scene.Room.Id)).ToHaveCountAsync(1);
        await Expect(agent.Entry(scene.Room.Id, "Ben")).ToHaveAttributeAsync("data-position", "1");

        // Ben leaves too; the queue is empty.
        await second.LeaveButton.ClickAsync();
        await Expect(second.Panel).ToHaveAttributeAsync("data-call-phase", "idle");
        await Expect(agent.Entries(scene.Room.Id)).ToHaveCountAsync(0);

        first.Viewer.Watch.ShouldBeClean();
        second.Viewer.Watch.ShouldBeClean();
        agent.Console.Watch.ShouldBeClean();
    }
}
