using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LiveRoom.EndToEnd.Tests.Calls;

/// <summary>
/// The messages and files of a call on a phone (docs/CALLS-PAGES.md, <c>CallItemsPanel</c>): closed at first
/// so the call keeps the screen, opened and closed again by a tap on its toggle, the agent's picture on
/// screen and moving all along.
/// </summary>
public sealed class CallItemsOnPhoneTests(BrowserFixture fixture)
{
    [Fact]
    public async Task On_a_phone_the_messages_and_files_start_closed_open_and_close_with_a_tap_and_the_agents_video_stays_on_screen()
    {
        await using var scene = await LiveCallRoom.StartAsync(fixture, "Call on a phone");
        var agent = scene.Agent;
        var viewer = await scene.JoinViewerAsync("Mo", phone: true);
        (await viewer.Page.EvaluateAsync<bool>("() => matchMedia('(pointer: coarse)').matches && window.innerWidth === 390").Limit()).ShouldBeTrue();
        await viewer.RequestAsync();
        await agent.Entry(scene.Room.Id, "Mo").GetByRole(AriaRole.Button, new() { Name = "Accept the call of Mo" }).ClickAsync();
        await viewer.Call.ExpectStateAsync("connected", 20_000);
        await viewer.Call.WaitForFramesAsync(5);
        var items = viewer.Call.Items;
        var video = viewer.Call.Remotes.Locator("video");
        await Expect(video).ToHaveCountAsync(1);

        // Closed at first: only the toggle shows, and the agent's picture has the screen.
        await Expect(items.Root).ToHaveAttributeAsync("data-open", "false");
        await Expect(items.Toggle).ToHaveAttributeAsync("aria-expanded", "false");
        await Expect(items.Toggle).ToHaveTextAsync("Messages and files");
        await Expect(items.MessageInput).ToBeHiddenAsync();
        await Expect(items.ShareButton).ToBeHiddenAsync();
        await Expect(items.Toggle).ToBeVisibleAsync();
        await ExpectVideoOnScreenAndMovingAsync(viewer, video);

        // A tap opens it: the agent's message is there, and the viewer can answer.
        await agent.Call.Items.SendAsync("Hello from the desk");
        await Expect(items.Toggle).ToHaveTextAsync("Messages and files 1 new");
        await items.Toggle.TapAsync();
        await Expect(items.Root).ToHaveAttributeAsync("data-open", "true");
        await Expect(items.Toggle).ToHaveAttributeAsync("aria-expanded", "true");
        await Expect(items.Toggle).ToHaveTextAsync("Messages and files");
        await Expect(items.Messages.Locator(".call-item-text")).ToHaveTextAsync(["Hello from the desk"]);
        await Expect(items.MessageInput).ToBeVisibleAsync();
        await Expect(items.ShareButton).ToBeVisibleAsync();
        await items.SendAsync("Hello from my phone");
        await Expect(agent.Call.Items.Messages.Last.Locator(".call-item-text")).ToHaveTextAsync("Hello from my phone");
        await Expect(video).ToBeVisibleAsync();

        // Another tap closes it again: the messages are kept, the picture is back in full view.
        await items.Toggle.TapAsync();
        await Expect(items.Root).ToHaveAttributeAsync("data-open", "false");
        await Expect(items.Toggle).ToHaveAttributeAsync("aria-expanded", "false");
        await Expect(items.MessageInput).ToBeHiddenAsync();
        await Expect(items.Root).ToHaveAttributeAsync("data-messages", "2");
        await ExpectVideoOnScreenAndMovingAsync(viewer, video);
        await viewer.Call.ExpectStateAsync("connected");

        await viewer.Call.HangUpButton.TapAsync();
        await Expect(viewer.Panel).ToHaveAttributeAsync("data-call-phase", "ended");
        viewer.Viewer.Watch.ShouldBeClean();
        agent.Console.Watch.ShouldBeClean();
    }

    /// <summary>The remote picture is shown whole inside the phone's screen and keeps decoding frames.</summary>
    private static async Task ExpectVideoOnScreenAndMovingAsync(CallViewer viewer, ILocator video)
    {
        await Expect(video).ToBeVisibleAsync();
        await Expect(video).ToBeInViewportAsync(new() { Ratio = 1 });
        var box = await video.BoundingBoxAsync().Limit();
        box.ShouldNotBeNull();
        box.Height.ShouldBeGreaterThan(200, "the call's picture keeps most of a phone's screen");
        var frames = await viewer.Call.FramesDecodedAsync();
        await viewer.Call.WaitForFramesAsync(frames + 10);
    }
}
