using LiveRoom.Testing;
using Microsoft.Playwright;

namespace LiveRoom.EndToEnd.Tests;

/// <summary>
/// A LiveRoom server on a loopback port serving the built front end, and a headless Debian Chromium.
/// Each test opens its own browser contexts (separate storage: separate viewers) and its own rooms.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>Lower than the page's default of 500 characters, so the page can be seen to follow the server's limit.</summary>
    public const int ServerMaxMessageLength = 200;

    /// <summary>Shorter than the server's default of 30 s, so a test can see a declined ring come back after it.</summary>
    public const int ServerDeclineCooldownSeconds = 8;

    /// <summary>How long a Playwright action or assertion may take.</summary>
    public const float UiTimeoutMs = 15_000;

    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--autoplay-policy=no-user-gesture-required",
    ];

    private LiveRoomTestServer? _server;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public LiveRoomTestServer Server => _server ?? throw new InvalidOperationException("The fixture has not started.");

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The fixture has not started.");

    /// <summary>Where screenshots go: the system temp folder, never the repository.</summary>
    public static string ScreenshotDirectory { get; } = Path.Combine(Path.GetTempPath(), "liveroom-e2e");

    public async ValueTask InitializeAsync()
    {
        var viewerPage = Path.Combine(RepositoryPaths.WebRoot, "viewer.html");
        if (!File.Exists(viewerPage))
        {
            throw new InvalidOperationException($"{viewerPage} is missing: build the front end first with scripts/build-web.sh.");
        }

        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} is missing: install Debian's Chromium (apt-get install -y chromium).");
        }

        Directory.CreateDirectory(ScreenshotDirectory);
        Assertions.SetDefaultExpectTimeout(UiTimeoutMs);

        using var startup = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        _server = await LiveRoomTestServer.StartAsync(
            new Dictionary<string, string?>
            {
                ["LiveRoom:Chat:MaxMessageLength"] = ServerMaxMessageLength.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["LiveRoom:Calls:DeclineCooldownSeconds"] = ServerDeclineCooldownSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            },
            cancellationToken: startup.Token);
        _playwright = await Playwright.CreateAsync().WaitAsync(TimeSpan.FromMinutes(1), startup.Token);
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ChromiumArgs,
            Timeout = 60_000,
        }).WaitAsync(TimeSpan.FromMinutes(1), startup.Token);
    }

    /// <summary>
    /// A fresh browser profile; <paramref name="phone"/> gives a 390×844 touch screen. Pages go to the
    /// shared server, or to <paramref name="server"/> (a test's own, with other settings).
    /// </summary>
    public async Task<IBrowserContext> NewContextAsync(string locale = "en-US", bool phone = false, LiveRoomTestServer? server = null)
    {
        var options = new BrowserNewContextOptions
        {
            BaseURL = (server ?? Server).BaseAddress.ToString(),
            Locale = locale,
            ViewportSize = phone ? new ViewportSize { Width = 390, Height = 844 } : new ViewportSize { Width = 1280, Height = 800 },
        };
        if (phone)
        {
            options.IsMobile = true;
            options.HasTouch = true;
            options.DeviceScaleFactor = 2;
        }

        var context = await Browser.NewContextAsync(options).Limit();
        context.SetDefaultTimeout(UiTimeoutMs);
        context.SetDefaultNavigationTimeout(30_000);
        return context;
    }

    /// <summary>A unique, readable room title for one test.</summary>
    public static string UniqueTitle(string what) => $"{what} {Guid.NewGuid().ToString("N")[..6]}";

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null) await _browser.CloseAsync().WaitAsync(TimeSpan.FromSeconds(30));
        _playwright?.Dispose();
        if (_server is not null) await _server.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(60));
    }
}
