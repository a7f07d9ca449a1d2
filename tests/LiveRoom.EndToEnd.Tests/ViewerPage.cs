using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LiveRoom.EndToEnd.Tests;

/// <summary>
/// The viewer page (/r/{roomId}) as a person uses it. Selectors here are structural, so they hold in
/// either language; the tests check visible words and accessible names themselves.
/// </summary>
internal sealed class ViewerPage
{
    private ViewerPage(IPage page)
    {
        Page = page;
        Watch = new PageWatch(page);
    }

    public IPage Page { get; }

    public PageWatch Watch { get; }

    public ILocator Connection => Page.Locator(".room-header .connection");

    public ILocator ViewerCount => Page.Locator(".room-header .viewer-count");

    public ILocator ChatInput => Page.Locator(".chat-composer textarea");

    public ILocator ChatError => Page.Locator(".chat-composer .inline-error");

    public ILocator ChatMessages => Page.Locator(".chat-list > li");

    public ILocator AskInput => Page.Locator(".ask-composer textarea");

    public ILocator Questions => Page.Locator(".question-list > li");

    /// <summary>
    /// The room's video area (not a private call's, which has a player of its own); <c>data-mode</c> says
    /// what it shows, <c>data-engine</c> how it plays.
    /// </summary>
    public ILocator VideoArea => Page.Locator(".stage-main section.video");

    public ILocator Video => Page.Locator(".stage-main section.video video");

    public ILocator VideoMessage => Page.Locator(".stage-main section.video .video-message");

    public ILocator VideoDetail => Page.Locator(".stage-main section.video .video-detail");

    /// <summary>The messages of the replay's chat (the live's chat, shown as the playhead reaches them).</summary>
    public ILocator ReplayMessages => Page.Locator(".replay-chat .chat-list > li");

    /// <summary>
    /// Waits until the page's video shows a picture (<c>readyState ≥ 2</c>) and its clock is past
    /// <paramref name="seconds"/>; with <paramref name="advancedBy"/>, until the clock has moved that far
    /// since the wait first saw a picture.
    /// </summary>
    public async Task WaitForPlaybackAsync(double seconds, float timeoutMs, double? advancedBy = null)
    {
        const string Script = """
            ([seconds, advancedBy]) => {
              const v = document.querySelector('.stage-main section.video video');
              if (!v || v.hidden || v.readyState < 2) return false;
              if (advancedBy === null) return v.currentTime > seconds;
              if (v.dataset.e2eStart === undefined) v.dataset.e2eStart = String(v.currentTime);
              return v.currentTime > Number(v.dataset.e2eStart) + advancedBy;
            }
            """;
        await Video.EvaluateAsync("v => { delete v.dataset.e2eStart; }").Limit();
        await Page.WaitForFunctionAsync(Script, new object?[] { seconds, advancedBy }, new PageWaitForFunctionOptions { Timeout = timeoutMs, PollingInterval = 200 })
            .Limit(TimeSpan.FromMilliseconds(timeoutMs + 5000));
    }

    /// <summary>The video's current time, in seconds.</summary>
    public async Task<double> VideoTimeAsync() => await Video.EvaluateAsync<double>("v => v.currentTime").Limit();

    public static async Task<ViewerPage> OpenAsync(IBrowserContext context, string url)
    {
        var page = await context.NewPageAsync().Limit();
        var viewer = new ViewerPage(page);
        await page.GotoAsync(url);
        return viewer;
    }

    /// <summary>Wraps a page the test set up itself (routes, listeners) before opening the viewer URL.</summary>
    public static ViewerPage Attach(IPage page) => new(page);

    /// <summary>Chooses a display name, joins, and waits until the live connection is up.</summary>
    public async Task JoinAsync(string displayName)
    {
        var name = Page.Locator("#join-name");
        await Expect(name).ToHaveValueAsync(new System.Text.RegularExpressions.Regex(@"\S+ \d{4}"));
        await name.FillAsync(displayName);
        await Page.Locator(".join-form button[type=submit]").ClickAsync();
        await Expect(Connection).ToHaveAttributeAsync("data-state", "connected");
    }

    /// <summary>Types a chat message and presses Enter; waits until the server accepted it (the box clears).</summary>
    public async Task SendChatAsync(string text)
    {
        await TypeChatAsync(text);
        await Expect(ChatInput).ToHaveValueAsync(string.Empty);
    }

    public async Task TypeChatAsync(string text)
    {
        await ChatInput.FillAsync(text);
        await ChatInput.PressAsync("Enter");
    }

    public ILocator ChatMessage(string text) =>
        Page.Locator(".chat-message").Filter(new LocatorFilterOptions { Has = Page.Locator(".chat-text").GetByText(text, new LocatorGetByTextOptions { Exact = true }) });

    public async Task OpenQuestionsAsync()
    {
        var tab = Page.Locator("[role=tab]").Nth(1);
        await tab.ClickAsync();
        await Expect(tab).ToHaveAttributeAsync("aria-selected", "true");
    }

    /// <summary>Opens the tab named <paramref name="name"/> (e.g. "Products").</summary>
    public async Task OpenTabAsync(string name)
    {
        var tab = Page.GetByRole(AriaRole.Tab, new() { Name = name });
        await tab.ClickAsync();
        await Expect(tab).ToHaveAttributeAsync("aria-selected", "true");
    }

    public async Task OpenChatAsync()
    {
        var tab = Page.Locator("[role=tab]").Nth(0);
        await tab.ClickAsync();
        await Expect(tab).ToHaveAttributeAsync("aria-selected", "true");
    }

    /// <summary>Asks a question and waits until the server accepted it.</summary>
    public async Task AskAsync(string text)
    {
        await AskInput.FillAsync(text);
        await AskInput.PressAsync("Enter");
        await Expect(AskInput).ToHaveValueAsync(string.Empty);
    }

    public ILocator Question(string text) => Questions.Filter(new LocatorFilterOptions { HasText = text });

    public async Task ScreenshotAsync(string name)
    {
        var path = Path.Combine(BrowserFixture.ScreenshotDirectory, name + ".png");
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path });
        TestContext.Current.TestOutputHelper?.WriteLine($"screenshot: {path}");
    }
}
