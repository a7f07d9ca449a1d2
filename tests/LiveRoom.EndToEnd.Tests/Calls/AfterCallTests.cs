using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LiveRoom.EndToEnd.Tests.Calls;

/// <summary>After a call: the viewer rates it, the agent writes a note, and the call history has both.</summary>
public sealed class AfterCallTests(BrowserFixture fixture)
{
    [Fact]
    public async Task After_the_call_the_viewer_gives_four_stars_with_a_comment_the_agent_saves_a_note_the_history_has_both_and_the_next_time_the_agent_sees_them_beside_the_viewer()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var scene = await LiveCallRoom.StartAsync(fixture, "Rated call");
        var agent = scene.Agent;
        var viewer = await scene.JoinViewerAsync("Max");
        await viewer.Viewer.SendChatAsync("Does it come in blue?");
        await viewer.Viewer.OpenQuestionsAsync();
        await viewer.Viewer.AskAsync("Is there a size 40?");
        await viewer.Viewer.OpenChatAsync();
        await viewer.RequestAsync("Sizes");
        await agent.Entry(scene.Room.Id, "Max").GetByRole(AriaRole.Button, new() { Name = "Accept the call of Max" }).ClickAsync();
        await viewer.Call.ExpectStateAsync("connected", 20_000);
        await agent.Call.WaitForFramesAsync(5);
        var callId = await agent.Call.Root.GetAttributeAsync("data-call-id").Limit();
        var viewerId = (await agent.Call.RemoteIdsAsync()).Single();
        await viewer.Call.HangUpButton.ClickAsync();

        // The viewer's end screen: stars (a radio group) and a comment.
        await Expect(viewer.Panel).ToHaveAttributeAsync("data-call-phase", "ended");
        var rating = viewer.Page.Locator(".call-rating");
        await Expect(rating.GetByRole(AriaRole.Group, new() { Name = "How was your call?" })).ToBeVisibleAsync();
        await rating.GetByRole(AriaRole.Button, new() { Name = "Send rating" }).ClickAsync();
        await Expect(rating.Locator(".inline-error")).ToHaveTextAsync("Choose from 1 to 5 stars.");
        await rating.GetByRole(AriaRole.Radio, new() { Name = "3 stars" }).FocusAsync();
        await viewer.Page.Keyboard.PressAsync("ArrowRight");
        await Expect(rating.GetByRole(AriaRole.Radio, new() { Name = "4 stars" })).ToBeCheckedAsync();
        await rating.GetByLabel("A comment on the call (optional)").FillAsync("Quick and friendly");
        await rating.GetByRole(AriaRole.Button, new() { Name = "Send rating" }).ClickAsync();
        await Expect(rating).ToHaveAttributeAsync("data-rated", "true");
        await Expect(rating).ToContainTextAsync("Thank you for your rating (4 of 5).");

        // The agent's wrap-up card: the note.
        var wrapUp = agent.Page.Locator($".wrapup-card[data-call-id='{callId}']");
        await Expect(wrapUp).ToContainTextAsync("Call with Max ended");
        await wrapUp.GetByLabel("Note about this call (only the team sees it)").FillAsync("Wants the blue one in size 40.");
        await wrapUp.GetByRole(AriaRole.Button, new() { Name = "Save note" }).ClickAsync();
        await Expect(wrapUp.Locator(".call-note")).ToHaveAttributeAsync("data-saved", "true");
        await Expect(wrapUp).ToContainTextAsync("Note saved.");

        // The history has both.
        using var http = fixture.Server.CreateHttpClient(await fixture.Server.LoginAsync(ct).Limit());
        using var list = JsonDocument.Parse(await http.GetStringAsync($"api/calls?personId={Uri.EscapeDataString(viewerId)}", ct).Limit());
        var record = list.RootElement.EnumerateArray().Single(item => item.GetProperty("callId").GetString() == callId);
        record.GetProperty("rating").GetInt32().ShouldBe(4);
        record.GetProperty("ratingComment").GetString().ShouldBe("Quick and friendly");
        record.GetProperty("note").GetString().ShouldBe("Wants the blue one in size 40.");
        record.GetProperty("topic").GetString().ShouldBe("Sizes");

        await wrapUp.GetByRole(AriaRole.Button, new() { Name = "Done" }).ClickAsync();
        await Expect(wrapUp).ToHaveCountAsync(0);

        // Max asks again: beside the queue entry the agent finds Max's chat, question and the rated call with its note.
        await viewer.Page.Locator(".call-ended-note").GetByRole(AriaRole.Button, new() { Name = "Close" }).ClickAsync();
        await viewer.RequestAsync("Again");
        var entry = agent.Entry(scene.Room.Id, "Max");
        var about = entry.GetByRole(AriaRole.Button, new() { Name = "About Max: chat, questions and past calls" });
        await about.ClickAsync();
        await Expect(about).ToHaveAttributeAsync("aria-expanded", "true");
        var beside = entry.Locator(".viewer-context");
        await Expect(beside).ToHaveAttributeAsync("data-loaded", "true");
        await Expect(beside.Locator(".viewer-context-chat")).ToContainTextAsync("Does it come in blue?");
        await Expect(beside.Locator(".viewer-context-questions")).ToContainTextAsync("Is there a size 40?");
        var past = beside.Locator($".past-call[data-call-id='{callId}']");
        await Expect(past.Locator(".call-stars")).ToHaveAttributeAsync("data-rating", "4");
        await Expect(past).ToContainTextAsync("Quick and friendly");
        await Expect(past).ToContainTextAsync("Wants the blue one in size 40.");

        // And during the next call, beside it.
        await entry.GetByRole(AriaRole.Button, new() { Name = "Accept the call of Max" }).ClickAsync();
        await agent.Call.ExpectStateAsync("connected", 20_000);
        var during = agent.Page.Locator(".call-context .viewer-context");
        await Expect(during.Locator($".past-call[data-call-id='{callId}']")).ToContainTextAsync("Wants the blue one in size 40.");
        await Expect(during.Locator(".viewer-context-chat")).ToContainTextAsync("Does it come in blue?");
        await agent.Page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "calls-context-console-en.jpg"), Type = ScreenshotType.Jpeg, Quality = 70, FullPage = true }).Limit();
        await agent.Call.HangUpButton.ClickAsync();
        await Expect(viewer.Panel).ToHaveAttributeAsync("data-call-phase", "ended");

        // The console's call history: the agent's own calls, then the viewer's, with stars, comment and note.
        await agent.Page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Call history" }).ClickAsync();
        var history = agent.Page.Locator(".history-page");
        await Expect(history).ToHaveAttributeAsync("data-count", "2");
        var first = history.Locator($".history-call[data-call-id='{callId}']");
        await Expect(first.Locator(".history-rating .call-stars")).ToHaveAttributeAsync("data-rating", "4");
        await Expect(first.Locator(".history-rating")).ToContainTextAsync("Quick and friendly");
        await Expect(first.Locator(".history-note")).ToHaveTextAsync("Wants the blue one in size 40.");
        await Expect(first.Locator(".history-outcome")).ToHaveTextAsync("Hung up");
        await Expect(first.Locator(".history-people")).ToContainTextAsync("Max (viewer)");
        await Expect(first.Locator(".history-topic")).ToHaveTextAsync("Sizes");
        await first.GetByRole(AriaRole.Button, new() { Name = "Details" }).ClickAsync();
        await Expect(first.Locator(".history-recording")).ToContainTextAsync("Not recorded.");
        await Expect(first.Locator(".history-items")).Not.ToContainTextAsync("Loading");
        await agent.Page.GetByLabel("Show").SelectOptionAsync("viewer");
        await agent.Page.GetByLabel("Viewer id").FillAsync(viewerId);
        await agent.Page.GetByRole(AriaRole.Button, new() { Name = "Show", Exact = true }).ClickAsync();
        await Expect(history.Locator(".history-call")).ToHaveCountAsync(2);
        await agent.Page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "calls-history-console-en.jpg"), Type = ScreenshotType.Jpeg, Quality = 70, FullPage = true }).Limit();
        viewer.Viewer.Watch.ShouldBeClean();
        agent.Console.Watch.ShouldBeClean();
    }
}
