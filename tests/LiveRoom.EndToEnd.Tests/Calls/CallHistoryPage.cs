using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LiveRoom.EndToEnd.Tests.Calls;

/// <summary>The console's Call history (#/call-history): one card per call, "Details" with the recording and what was shared.</summary>
internal sealed class CallHistoryPage(IPage page)
{
    public IPage Page { get; } = page;

    /// <summary>The page root: <c>data-count</c> says how many calls are listed.</summary>
    public ILocator Root => Page.Locator(".history-page");

    public ILocator Call(string callId) => Root.Locator($".history-call[data-call-id='{callId}']");

    /// <summary>The recording of a call whose details are open: <c>data-recording</c> = <c>none</c>, <c>processing</c>, <c>ready</c>, <c>failed</c>.</summary>
    public ILocator Recording(string callId) => Call(callId).Locator(".history-recording");

    /// <summary>The messages and files of a call whose details are open (<c>data-loaded</c> once asked).</summary>
    public ILocator Items(string callId) => Call(callId).Locator(".history-items");

    /// <summary>Opens the page from the navigation ("My calls").</summary>
    public static async Task<CallHistoryPage> OpenAsync(IPage page)
    {
        await page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Call history" }).ClickAsync();
        var history = new CallHistoryPage(page);
        await Expect(history.Root).ToHaveAttributeAsync("data-count", new System.Text.RegularExpressions.Regex("^[0-9]+$"));
        return history;
    }

    /// <summary>Opens a call's details and waits until its messages and files are loaded.</summary>
    public async Task OpenDetailsAsync(string callId)
    {
        var details = Call(callId).GetByRole(AriaRole.Button, new() { Name = "Details" });
        await details.ClickAsync();
        await Expect(details).ToHaveAttributeAsync("aria-expanded", "true");
        await Expect(Items(callId)).ToHaveAttributeAsync("data-loaded", "true");
    }
}
