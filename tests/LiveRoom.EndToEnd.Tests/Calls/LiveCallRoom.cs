using LiveRoom.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LiveRoom.EndToEnd.Tests.Calls;

/// <summary>
/// A room that is live (a real ffmpeg publishing a small test pattern over RTMP), with an agent on the
/// console's Calls page, available and serving it. The agent is a staff account of the test's own, so
/// nothing another test left (a call still in its grace period, rooms served) reaches it. Viewers are
/// added by the test.
/// </summary>
internal sealed class LiveCallRoom : IAsyncDisposable
{
    /// <summary>Long enough for any one call test; the publisher is stopped when the test ends.</summary>
    private const int PublishSeconds = 120;

    private readonly FfmpegPublisher _publisher;

    private readonly BrowserFixture _fixture;

    private LiveCallRoom(BrowserFixture fixture, CallBrowser browser, TestRoom room, string title, FfmpegPublisher publisher, CallAgent agent, TestStaff agentStaff)
    {
        _fixture = fixture;
        AgentStaff = agentStaff;
        Browser = browser;
        Room = room;
        Title = title;
        _publisher = publisher;
        Agent = agent;
    }

    public CallBrowser Browser { get; }

    public TestRoom Room { get; }

    public string Title { get; }

    public CallAgent Agent { get; }

    /// <summary>The first agent's staff account.</summary>
    public TestStaff AgentStaff { get; }

    public static async Task<LiveCallRoom> StartAsync(BrowserFixture fixture, string what)
    {
        var ct = TestContext.Current.CancellationToken;
        var server = fixture.Server;
        var title = BrowserFixture.UniqueTitle(what);
        var room = await server.CreateRoomAsync(title, ct).Limit();
        var publisher = FfmpegPublisher.Start(server.PublishUrl(room.StreamKey), PublishSeconds, width: 320, height: 240, fps: 15);
        var browser = await CallBrowser.LaunchAsync(fixture);
        var agentContext = await browser.NewContextAsync();
        var staff = await server.CreateStaffAsync("agent", ct).Limit();
        var agent = new CallAgent(await ConsolePage.SignInAsync(agentContext, staff));
        await agent.OpenAsync();
        await agent.SetAvailableAsync(true);
        await agent.ServeAsync(title, room.Id);
        return new LiveCallRoom(fixture, browser, room, title, publisher, agent, staff);
    }

    /// <summary>A viewer (a browser profile of their own) on the room's page, joined, watching the live play.</summary>
    /// <remarks><paramref name="prepare"/> runs on the viewer's browser context before the page opens (to watch what it sends).</remarks>
    public async Task<CallViewer> JoinViewerAsync(string displayName, bool phone = false, string locale = "en-US", Action<IBrowserContext>? prepare = null)
    {
        var context = await Browser.NewContextAsync(phone, locale);
        prepare?.Invoke(context);
        var viewer = await ViewerPage.OpenAsync(context, $"r/{Room.Id}");
        await viewer.JoinAsync(displayName);
        await Expect(viewer.Page.Locator(".status-badge")).ToHaveTextAsync("Live", new() { Timeout = 30_000 });
        await viewer.WaitForPlaybackAsync(0.5, timeoutMs: 30_000);
        var calls = new CallViewer(viewer);
        await Expect(calls.TalkButton).ToBeVisibleAsync();
        return calls;
    }

    /// <summary>Another agent (a staff account of their own) on the Calls page, available, serving no room.</summary>
    public async Task<(CallAgent Agent, TestStaff Staff)> JoinColleagueAsync(bool phone = false, string locale = "en-US")
    {
        var context = await Browser.NewContextAsync(phone, locale);
        var staff = await _fixture.Server.CreateStaffAsync("agent", TestContext.Current.CancellationToken).Limit();
        var agent = new CallAgent(await ConsolePage.SignInAsync(context, staff));
        await agent.OpenAsync();
        await agent.SetAvailableAsync(true);
        return (agent, staff);
    }

    public async ValueTask DisposeAsync()
    {
        await _publisher.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));
        await Browser.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(60));
    }
}
