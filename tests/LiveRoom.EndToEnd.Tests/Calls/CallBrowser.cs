using Microsoft.Playwright;

namespace LiveRoom.EndToEnd.Tests.Calls;

/// <summary>
/// A Chromium of its own for call tests: the shared one has no camera or microphone. Chromium's fake
/// devices give a moving test picture and a beep; its fake prompt allows them, and the contexts grant
/// the permissions too. One per test, closed with it.
/// </summary>
internal sealed class CallBrowser : IAsyncDisposable
{
    private static readonly string[] Args =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--autoplay-policy=no-user-gesture-required",
        "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream",
        // getDisplayMedia without a picker: the fake UI picks a screen by itself.
        "--auto-select-desktop-capture-source=Entire screen",
    ];

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;
    private readonly BrowserFixture _fixture;

    private CallBrowser(IPlaywright playwright, IBrowser browser, BrowserFixture fixture)
    {
        _playwright = playwright;
        _browser = browser;
        _fixture = fixture;
    }

    public static async Task<CallBrowser> LaunchAsync(BrowserFixture fixture)
    {
        var playwright = await Playwright.CreateAsync().Limit(TimeSpan.FromMinutes(1));
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = BrowserFixture.ChromiumPath,
            Headless = true,
            Args = Args,
            Timeout = 60_000,
        }).Limit(TimeSpan.FromMinutes(1));
        return new CallBrowser(playwright, browser, fixture);
    }

    /// <summary>A fresh profile (a person of their own) with the camera and microphone allowed.</summary>
    public async Task<IBrowserContext> NewContextAsync(bool phone = false, string locale = "en-US", LiveRoom.Testing.LiveRoomTestServer? server = null)
    {
        var options = new BrowserNewContextOptions
        {
            BaseURL = (server ?? _fixture.Server).BaseAddress.ToString(),
            Locale = locale,
            ViewportSize = phone ? new ViewportSize { Width = 390, Height = 844 } : new ViewportSize { Width = 1366, Height = 900 },
            Permissions = ["camera", "microphone"],
        };
        if (phone)
        {
            options.IsMobile = true;
            options.HasTouch = true;
            options.DeviceScaleFactor = 2;
        }

        var context = await _browser.NewContextAsync(options).Limit();
        context.SetDefaultTimeout(BrowserFixture.UiTimeoutMs);
        context.SetDefaultNavigationTimeout(30_000);
        return context;
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.CloseAsync().WaitAsync(TimeSpan.FromSeconds(30));
        _playwright.Dispose();
    }
}
