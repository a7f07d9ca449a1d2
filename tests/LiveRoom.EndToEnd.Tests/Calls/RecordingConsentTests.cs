using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LiveRoom.EndToEnd.Tests.Calls;

/// <summary>
/// Recording with consent (docs/CALLS.md): an agent asks, the viewer answers in a modal dialog, everyone
/// sees whether the call is recorded, and anyone stops it.
/// </summary>
public sealed class RecordingConsentTests(BrowserFixture fixture)
{
    private static string Shot(string name) => Path.Combine(BrowserFixture.ScreenshotDirectory, name + ".jpg");

    private static Task ShotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new() { Path = Shot(name), Type = ScreenshotType.Jpeg, Quality = 70 }).Limit();

    /// <summary>The <c>AnswerRecording</c> invocations the page sent on its hub WebSocket (the JSON protocol): agree and text.</summary>
    private static void WatchAnswers(IPage page, ConcurrentQueue<(bool Agree, string Text)> answers)
    {
        page.WebSocket += (_, socket) => socket.FrameSent += (_, frame) =>
        {
            foreach (var part in (frame.Text ?? string.Empty).Split('\u001e', StringSplitOptions.RemoveEmptyEntries))
            {
                using var message = JsonDocument.Parse(part);
                if (!message.RootElement.TryGetProperty("target", out var target) || target.GetString() != "AnswerRecording") continue;
                var arguments = message.RootElement.GetProperty("arguments");
                answers.Enqueue((arguments[1].GetBoolean(), arguments[2].GetString() ?? string.Empty));
            }
        };
    }

    [Fact]
    public async Task The_viewer_is_asked_in_a_dialog_agreeing_shows_recording_on_both_sides_stopping_ends_it_and_declining_a_second_request_records_nothing()
    {
        await using var scene = await LiveCallRoom.StartAsync(fixture, "Recorded call");
        var agent = scene.Agent;
        var answers = new ConcurrentQueue<(bool Agree, string Text)>();
        var viewer = await scene.JoinViewerAsync("Kim", prepare: context => context.Page += (_, page) => WatchAnswers(page, answers));
        await viewer.RequestAsync();
        await agent.Entry(scene.Room.Id, "Kim").GetByRole(AriaRole.Button, new() { Name = "Accept the call of Kim" }).ClickAsync();
        await viewer.Call.ExpectStateAsync("connected", 20_000);
        await agent.Call.WaitForFramesAsync(5);
        var agentBar = agent.Page.Locator(".calls-active .call-recording");
        var viewerBar = viewer.Page.Locator(".call-slot .call-recording");
        await Expect(viewerBar).ToBeHiddenAsync();

        // The agent asks; the viewer gets a modal dialog with the text and the choice.
        await agent.Call.Root.GetByRole(AriaRole.Button, new() { Name = "Record", Exact = true }).ClickAsync();
        await Expect(agentBar).ToHaveAttributeAsync("data-recording-state", "requested");
        await Expect(agentBar).ToContainTextAsync("Asking everyone");
        var dialog = viewer.Page.GetByRole(AriaRole.Dialog, new() { Name = "Record this call?" });
        await Expect(dialog).ToBeVisibleAsync();
        var text = dialog.Locator(".consent-text");
        await Expect(text).ToContainTextAsync("would like to record this call");
        await Expect(dialog.GetByRole(AriaRole.Button, new() { Name = "I agree" })).ToBeFocusedAsync();
        await ShotAsync(viewer.Page, "calls-consent-viewer-desktop-en");
        await viewer.Page.SetViewportSizeAsync(390, 844).Limit();
        await ShotAsync(viewer.Page, "calls-consent-viewer-phone-en");
        await viewer.Page.Locator(".lang-toggle").First.EvaluateAsync("b => b.click()").Limit();
        var anyDialog = viewer.Page.Locator("dialog.consent-dialog");
        await Expect(viewer.Page.GetByRole(AriaRole.Dialog, new() { Name = "录制此通话？" })).ToBeVisibleAsync();
        await ShotAsync(viewer.Page, "calls-consent-viewer-phone-zh");
        await viewer.Page.SetViewportSizeAsync(1366, 900).Limit();
        await ShotAsync(viewer.Page, "calls-consent-viewer-desktop-zh");
        await viewer.Page.Locator(".lang-toggle").First.EvaluateAsync("b => b.click()").Limit();
        await Expect(anyDialog.Locator(".consent-title")).ToHaveTextAsync("Record this call?");

        // Agreeing: both sides show that the call is recorded, with "Stop recording"; the text shown is the text sent.
        var shown = await text.TextContentAsync().Limit();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "I agree" }).ClickAsync();
        await Expect(dialog).ToBeHiddenAsync();
        await Expect(viewerBar).ToHaveAttributeAsync("data-recording-state", "recording");
        await Expect(agentBar).ToHaveAttributeAsync("data-recording-state", "recording");
        await Expect(viewerBar).ToContainTextAsync("Recording");
        await Expect(agentBar).ToContainTextAsync("Recording");
        answers.ShouldHaveSingleItem().ShouldBe((true, shown!));
        await ShotAsync(agent.Page, "calls-recording-console-en");

        // The viewer stops it: stopped for both.
        await viewerBar.GetByRole(AriaRole.Button, new() { Name = "Stop recording" }).ClickAsync();
        await Expect(viewerBar).ToHaveAttributeAsync("data-recording-state", "stopped");
        await Expect(agentBar).ToHaveAttributeAsync("data-recording-state", "stopped");
        await Expect(agentBar).ToContainTextAsync("Recording stopped.");

        // Asked again, the viewer declines (with Escape): nothing is recorded, and both are told.
        await agent.Call.Root.GetByRole(AriaRole.Button, new() { Name = "Record", Exact = true }).ClickAsync();
        await Expect(dialog).ToBeVisibleAsync();
        await viewer.Page.Keyboard.PressAsync("Escape");
        await Expect(dialog).ToBeHiddenAsync();
        await Expect(viewerBar).ToContainTextAsync("Not recorded: you declined.");
        await Expect(agentBar).ToContainTextAsync("Not recorded: Kim declined.");
        await Expect(agentBar).Not.ToHaveAttributeAsync("data-recording-state", "recording");
        answers.Count.ShouldBe(2);
        answers.Last().Agree.ShouldBeFalse();

        await viewer.Call.HangUpButton.ClickAsync();
        await Expect(agent.Root).ToHaveAttributeAsync("data-active-calls", "0");
        viewer.Viewer.Watch.ShouldBeClean();
        agent.Console.Watch.ShouldBeClean();
    }
}
