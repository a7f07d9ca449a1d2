using System.Diagnostics;
using System.Globalization;
using Microsoft.Playwright;

namespace LiveRoom.CallBench;

/// <summary>
/// How fast a call starts, as people see it: a viewer on the live room's page asks to talk, the agent on
/// the console's Calls page presses Accept, and the time from that click to the first remote frame on
/// screen is measured on both sides, <c>calls</c> times, each with a fresh viewer. Both pages run in one
/// Chromium with fake camera and microphone (so the camera's start is included), on one clock: each page
/// notes <c>performance.timeOrigin + performance.now()</c> when the click happens and when its call view
/// marks its first remote frame (requestVideoFrameCallback in the page).
/// </summary>
internal sealed class AcceptBench(BenchApi api, TextWriter log)
{
    private const string ClickHook = """
        () => {
          window.__acceptAt = null;
          document.addEventListener('click', e => {
            const button = e.target instanceof Element ? e.target.closest('.offer-card button') : null;
            if (button && /Accept/.test(button.textContent ?? '')) window.__acceptAt = performance.timeOrigin + performance.now();
          }, { capture: true, once: false });
        }
        """;

    private const string FirstFrameHook = """
        () => {
          window.__firstFrameAt = null;
          const note = () => {
            const view = document.querySelector('.call-view[data-first-frame-ms]');
            if (view && window.__firstFrameAt === null) window.__firstFrameAt = performance.timeOrigin + performance.now();
          };
          new MutationObserver(note).observe(document.body, { subtree: true, attributes: true, attributeFilter: ['data-first-frame-ms'], childList: true });
        }
        """;

    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--autoplay-policy=no-user-gesture-required",
        "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream",
    ];

    public async Task<bool> RunAsync(string adminEmail, string adminPassword, string chromium, int calls, CancellationToken cancellationToken)
    {
        var admin = await api.LoginAsync(adminEmail, adminPassword);
        const string roomTitle = "Call benchmark";
        var (roomId, publishUrl) = await api.CreateLiveableRoomAsync(admin, roomTitle);
        using var publisher = Publish(publishUrl);
        while (await api.RoomStatusAsync(roomId) != "live")
        {
            if (publisher.HasExited) throw new InvalidOperationException("ffmpeg stopped before the room went live.");
            await Task.Delay(200, cancellationToken);
        }

        log.WriteLine($"room {roomId} is live; {calls} calls follow");
        var (_, agentEmail, agentPassword) = await api.CreateAgentAsync(admin, "bench-agent");
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = chromium, Headless = true, Args = ChromiumArgs });

        var agentContext = await NewContextAsync(browser);
        var agent = await agentContext.NewPageAsync();
        await agent.GotoAsync("console");
        await agent.GetByLabel("Email").FillAsync(agentEmail);
        await agent.GetByLabel("Password").FillAsync(agentPassword);
        await agent.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await agent.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Calls" }).ClickAsync();
        var available = agent.GetByRole(AriaRole.Switch, new() { Name = "Available for calls" });
        await available.ClickAsync();
        await agent.Locator(".calls-page[data-available='true']").WaitForAsync();
        await agent.GetByRole(AriaRole.Switch, new() { Name = $"Serve the call queue of {roomTitle}" }).CheckAsync();
        await agent.Locator($".queue-room[data-room-id='{roomId}']").WaitForAsync();
        await agent.EvaluateAsync(ClickHook);

        var agentSide = new List<double>();
        var viewerSide = new List<double>();
        for (var i = 0; i < calls && !cancellationToken.IsCancellationRequested; i++)
        {
            await using var viewerContext = await NewContextAsync(browser);
            var viewer = await viewerContext.NewPageAsync();
            await viewer.GotoAsync($"r/{roomId}");
            await viewer.Locator("#join-name").FillAsync($"Bench {i + 1}");
            await viewer.Locator(".join-form button[type=submit]").ClickAsync();
            await viewer.Locator(".call-panel[data-call-phase='idle']").WaitForAsync();
            await viewer.EvaluateAsync(FirstFrameHook);
            await agent.EvaluateAsync("() => { window.__firstFrameAt = null; window.__acceptAt = null; }");
            await agent.EvaluateAsync(FirstFrameHook);
            await viewer.GetByRole(AriaRole.Button, new() { Name = "Talk privately" }).ClickAsync();

            var offer = agent.Locator(".offer-card");
            await offer.WaitForAsync(new() { Timeout = 30_000 });
            await offer.GetByRole(AriaRole.Button, new() { Name = "Accept" }).ClickAsync();
            var acceptAt = await WaitForNumberAsync(agent, "window.__acceptAt");
            var agentFrame = await WaitForNumberAsync(agent, "window.__firstFrameAt");
            var viewerFrame = await WaitForNumberAsync(viewer, "window.__firstFrameAt");
            agentSide.Add(agentFrame - acceptAt);
            viewerSide.Add(viewerFrame - acceptAt);
            log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"call {i + 1,2}: first remote frame {agentFrame - acceptAt,5:F0} ms (agent), {viewerFrame - acceptAt,5:F0} ms (viewer) after Accept"));

            await viewer.Locator(".call-view").GetByRole(AriaRole.Button, new() { Name = "Hang up" }).ClickAsync();
            await agent.Locator(".calls-page[data-active-calls='0']").WaitForAsync(new() { Timeout = 30_000 });
            await viewer.Locator(".call-panel[data-call-phase='ended']").WaitForAsync();
        }

        log.WriteLine();
        log.WriteLine($"Accept → first remote frame, agent side:  {Percentiles.Describe(agentSide)}");
        log.WriteLine($"Accept → first remote frame, viewer side: {Percentiles.Describe(viewerSide)}");
        var both = agentSide.Zip(viewerSide, Math.Max).Order().ToArray();
        log.WriteLine($"Accept → both sides showing the other:    {Percentiles.Describe(both)}");
        var p50 = Percentiles.Of(both, 50);
        var p95 = Percentiles.Of(both, 95);
        var pass = p50 <= 500 && p95 <= 1000;
        log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"target p50 ≤ 500 ms, p95 ≤ 1000 ms: {(pass ? "PASS" : "FAIL")} (p50 {p50:F0} ms, p95 {p95:F0} ms)"));
        publisher.Kill(entireProcessTree: true);
        return pass;
    }

    /// <summary>A small live test pattern with a tone, as a host's encoder would send it, for the whole run.</summary>
    private static Process Publish(string url)
    {
        var start = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var argument in new[]
        {
            "-hide_banner", "-loglevel", "error", "-re", "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=15",
            "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000", "-c:v", "libx264", "-preset", "veryfast",
            "-tune", "zerolatency", "-g", "30", "-pix_fmt", "yuv420p", "-c:a", "aac", "-t", "1200", "-f", "flv", url,
        })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("ffmpeg did not start.");
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        return process;
    }

    private async Task<IBrowserContext> NewContextAsync(IBrowser browser) =>
        await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = api.BaseAddress.ToString(),
            Locale = "en-US",
            ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
            Permissions = ["camera", "microphone"],
        });

    private static async Task<double> WaitForNumberAsync(IPage page, string expression)
    {
        var handle = await page.WaitForFunctionAsync($"() => {expression}", null, new() { Timeout = 30_000, PollingInterval = 5 });
        return await handle.JsonValueAsync<double>();
    }
}
