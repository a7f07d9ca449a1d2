using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LiveRoom.EndToEnd.Tests.Calls;

/// <summary>An agent shares their screen in a call (getDisplayMedia, replaceTrack on every peer connection) and goes back to the camera.</summary>
public sealed class ScreenShareTests(BrowserFixture fixture)
{
    /// <summary>
    /// The camera is asked for at most 960 pixels wide (local-media.ts); Chromium's fake screen is 1366×768. The
    /// viewer's decoded picture of the agent is wider than 960 only while the screen is sent.
    /// </summary>
    private const int WidestCamera = 960;

    private static async Task WaitForWidthAsync(ILocator tile, bool wider)
    {
        var handle = await tile.ElementHandleAsync().Limit();
        await tile.Page.WaitForFunctionAsync(
            "([tile, max, wider]) => { const w = tile.querySelector('video').videoWidth; return w > 0 && (wider ? w > max : w <= max); }",
            new object[] { handle, WidestCamera, wider },
            new PageWaitForFunctionOptions { Timeout = 20_000, PollingInterval = 200 }).Limit();
    }

    [Fact]
    public async Task The_agent_shares_the_screen_the_viewer_sees_it_marked_as_a_screen_with_another_picture_and_stopping_brings_the_camera_back()
    {
        await using var scene = await LiveCallRoom.StartAsync(fixture, "Screen share");
        var agent = scene.Agent;
        var viewer = await scene.JoinViewerAsync("Lee");
        await viewer.RequestAsync();
        await agent.Entry(scene.Room.Id, "Lee").GetByRole(AriaRole.Button, new() { Name = "Accept the call of Lee" }).ClickAsync();
        await viewer.Call.ExpectStateAsync("connected", 20_000);
        await viewer.Call.WaitForFramesAsync(10);
        var tile = viewer.Call.Remote(scene.AgentStaff.Id);
        await Expect(tile).ToHaveAttributeAsync("data-remote-screen", "off");
        await WaitForWidthAsync(tile, wider: false);
        var camera = await tile.GetAttributeAsync("data-video-size").Limit();

        // Share: the viewer is told (a badge) and the picture changes; the track was replaced, not renegotiated.
        await Expect(agent.Call.ShareScreenButton).ToHaveTextAsync("Share screen");
        await agent.Call.ShareScreenButton.ClickAsync();
        await Expect(agent.Call.ShareScreenButton).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(agent.Call.ShareScreenButton).ToHaveTextAsync("Stop sharing");
        await Expect(agent.Call.Root).ToHaveAttributeAsync("data-local-screen", "on");
        await Expect(tile).ToHaveAttributeAsync("data-remote-screen", "on");
        await Expect(tile.Locator(".call-badge-screen")).ToHaveTextAsync("Sharing the screen");
        await WaitForWidthAsync(tile, wider: true);
        await Expect(tile).ToHaveAttributeAsync("data-video-size", new System.Text.RegularExpressions.Regex(@"^\d{4,}x\d+$"));
        TestContext.Current.TestOutputHelper?.WriteLine($"camera {camera}; screen {await tile.GetAttributeAsync("data-video-size").Limit()}");
        var frames = await viewer.Call.FramesDecodedAsync();
        await viewer.Call.WaitForFramesAsync(frames + 5);
        await Expect(viewer.Call.Root).ToHaveAttributeAsync("data-call-state", "connected");

        // Stop: back to the camera.
        await agent.Call.ShareScreenButton.ClickAsync();
        await Expect(agent.Call.ShareScreenButton).ToHaveAttributeAsync("aria-pressed", "false");
        await Expect(tile).ToHaveAttributeAsync("data-remote-screen", "off");
        await Expect(tile.Locator(".call-badge-screen")).ToBeHiddenAsync();
        await WaitForWidthAsync(tile, wider: false);

        await agent.Call.HangUpButton.ClickAsync();
        await Expect(viewer.Panel).ToHaveAttributeAsync("data-call-phase", "ended");
        viewer.Viewer.Watch.ShouldBeClean();
        agent.Console.Watch.ShouldBeClean();
    }
}
