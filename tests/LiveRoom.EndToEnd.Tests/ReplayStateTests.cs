using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using LiveRoom.Storage.Media;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LiveRoom.EndToEnd.Tests;

/// <summary>
/// What the viewer page and the console say about replays that are not (yet) there, and how the page
/// copes with a browser that cannot play the video. No publisher: where a state is hard to reach on
/// cue (a recording half made, a live room), the room's <c>GET /api/rooms/{id}</c> answer is rewritten
/// in the browser and the hub is kept away, so the page sees only that answer.
/// </summary>
public sealed class ReplayStateTests(BrowserFixture fixture)
{
    [Fact]
    public async Task An_ended_room_that_never_went_live_offers_no_replay_asks_no_name_and_the_console_says_so()
    {
        var ct = TestContext.Current.CancellationToken;
        var title = BrowserFixture.UniqueTitle("No replay");
        var room = await fixture.Server.CreateRoomAsync(title, ct).Limit();
        await EndAsync(room.Id, ct);

        await using var context = await fixture.NewContextAsync(locale: "zh-CN", phone: true);
        var viewer = await ViewerPage.OpenAsync(context, $"r/{room.Id}");
        await Expect(viewer.Page.Locator(".status-badge")).ToHaveTextAsync("已结束");
        await Expect(viewer.VideoMessage).ToHaveTextAsync("本场直播已结束");
        await Expect(viewer.VideoDetail).ToHaveTextAsync("本场直播没有回放。");
        await Expect(viewer.VideoArea).ToHaveAttributeAsync("data-mode", "noReplay");
        // Nothing to say any more, so no name to choose: the page joins quietly for the questions.
        await Expect(viewer.Connection).ToHaveAttributeAsync("data-state", "connected");
        await Expect(viewer.Page.Locator("#join-name")).ToHaveCountAsync(0);
        await Expect(viewer.ChatInput).ToBeDisabledAsync();
        await Expect(viewer.Page.Locator(".chat-composer .composer-notice")).ToHaveTextAsync("本场直播已结束");
        await viewer.ScreenshotAsync("replay-none-zh-phone");

        await viewer.Page.GetByRole(AriaRole.Button, new() { Name = "切换为英文界面" }).ClickAsync();
        await Expect(viewer.VideoDetail).ToHaveTextAsync("No replay is available for this live.");

        await using var staffContext = await fixture.NewContextAsync();
        var console = await ConsolePage.SignInAsync(staffContext, fixture.Server);
        await console.ExpectReplayAsync(title, "none", "No replay");
        await Expect(console.RoomCard(title).GetByRole(AriaRole.Link, new() { Name = "Watch replay" })).ToBeHiddenAsync();

        console.Watch.ShouldBeClean();
        viewer.Watch.ShouldBeClean();
    }

    [Fact]
    public async Task While_the_replay_is_being_made_the_viewer_page_and_the_console_show_its_progress_and_follow_it()
    {
        var ct = TestContext.Current.CancellationToken;
        var title = BrowserFixture.UniqueTitle("Preparing");
        var room = await fixture.Server.CreateRoomAsync(title, ct).Limit();
        var progress = 0.42;
        var answer = await RoomAnswerAsync(room.Id, ct);
        answer["status"] = "ended";
        answer["endedAt"] = DateTimeOffset.UtcNow.ToString("O");
        answer["liveSince"] = DateTimeOffset.UtcNow.AddMinutes(-10).ToString("O");
        answer["recording"] = null;

        await using var context = await fixture.NewContextAsync(phone: true);
        var page = await context.NewPageAsync().Limit();
        await KeepHubAwayAsync(page);
        var gate = new Lock();
        string Body()
        {
            lock (gate)
            {
                answer["recordingProgress"] = progress;
                return answer.ToJsonString();
            }
        }

        await page.RouteAsync(RoomAnswer(room.Id), route => route.FulfillAsync(new() { Status = 200, ContentType = "application/json", Body = Body() })).Limit();
        var viewer = ViewerPage.Attach(page);
        await page.GotoAsync($"r/{room.Id}");

        await Expect(viewer.VideoMessage).ToHaveTextAsync("This live has ended");
        await Expect(viewer.VideoDetail).ToHaveTextAsync("Preparing the replay… 42%");
        await Expect(page.Locator("section.video progress")).ToHaveAttributeAsync("value", "42");
        await viewer.ScreenshotAsync("replay-preparing-phone");

        // The page asks again every few seconds.
        lock (gate) progress = 0.73;
        await Expect(viewer.VideoDetail).ToHaveTextAsync("Preparing the replay… 73%");

        // The console's card reads the same answer.
        await using var staffContext = await fixture.NewContextAsync();
        var staff = await staffContext.NewPageAsync().Limit();
        await staff.RouteAsync(RoomAnswer(room.Id), route => route.FulfillAsync(new() { Status = 200, ContentType = "application/json", Body = Body() })).Limit();
        await EndAsync(room.Id, ct);
        var console = await ConsolePage.SignInAsync(staff, fixture.Server);
        await console.ExpectReplayAsync(title, "preparing", "Replay: preparing 73%");
        viewer.Watch.ShouldBeClean();
    }

    [Fact]
    public async Task A_browser_that_cannot_decode_the_live_video_is_told_so_in_words()
    {
        var ct = TestContext.Current.CancellationToken;
        var room = await fixture.Server.CreateRoomAsync(BrowserFixture.UniqueTitle("No codec"), ct).Limit();
        var answer = await RoomAnswerAsync(room.Id, ct);
        answer["status"] = "live";
        answer["liveSince"] = DateTimeOffset.UtcNow.ToString("O");

        await using var context = await fixture.NewContextAsync(phone: true);
        var page = await context.NewPageAsync().Limit();
        // As in a Chromium built without H.264: neither Media Source Extensions nor the element play it.
        await page.AddInitScriptAsync("""
            MediaSource.isTypeSupported = () => false;
            HTMLMediaElement.prototype.canPlayType = () => '';
            """).Limit();
        await KeepHubAwayAsync(page);
        await page.RouteAsync(RoomAnswer(room.Id), route =>
            route.FulfillAsync(new() { Status = 200, ContentType = "application/json", Body = answer.ToJsonString() })).Limit();
        var viewer = ViewerPage.Attach(page);
        await page.GotoAsync($"r/{room.Id}");

        await Expect(page.Locator(".status-badge")).ToHaveTextAsync("Live");
        await Expect(viewer.VideoMessage).ToHaveTextAsync("This browser can’t play the video. Try a current Chrome, Edge, Firefox or Safari.");
        await Expect(viewer.VideoArea).ToHaveAttributeAsync("data-playback", "unsupported");
        await Expect(viewer.Video).ToBeHiddenAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Low latency" })).ToBeHiddenAsync();
        viewer.Watch.ShouldBeClean();
    }

    [Fact]
    public async Task After_the_host_dropped_and_came_back_the_replay_shows_the_chat_where_the_recording_resumes_not_a_gap_later()
    {
        var ct = TestContext.Current.CancellationToken;
        var room = await fixture.Server.CreateRoomAsync(BrowserFixture.UniqueTitle("Resumed"), ct).Limit();
        // Two sessions of 4 s each, the second live 10 s after the first: the host was away for 6 s, which the
        // 8 s recording does not have.
        var firstLive = DateTimeOffset.UtcNow.AddHours(-1);
        var secondLive = firstLive.AddSeconds(10);
        var answer = await RoomAnswerAsync(room.Id, ct);
        answer["status"] = "ended";
        answer["endedAt"] = secondLive.AddSeconds(4).ToString("O");
        answer["liveSince"] = firstLive.ToString("O");
        answer["recordingProgress"] = null;
        answer["recording"] = new JsonObject
        {
            ["url"] = await StoreVideoAsync($"recordings/{room.Id}/resumed.mp4", seconds: 8, ct),
            ["posterUrl"] = "/favicon.svg",
            ["durationSeconds"] = 8,
            ["segments"] = new JsonArray(Segment(firstLive, 0, 4), Segment(secondLive, 4, 4)),
        };
        var chat = new JsonArray(
            Message(room.Id, 1, "Waiting for the start", firstLive.AddSeconds(-20)),
            Message(room.Id, 2, "Early on", firstLive.AddSeconds(2)),
            Message(room.Id, 3, "Anyone there?", firstLive.AddSeconds(7)),
            Message(room.Id, 4, "Welcome back", secondLive.AddSeconds(1)));

        await using var context = await fixture.NewContextAsync(phone: true);
        var page = await context.NewPageAsync().Limit();
        await KeepHubAwayAsync(page);
        await page.RouteAsync(RoomAnswer(room.Id), route => route.FulfillAsync(new() { Status = 200, ContentType = "application/json", Body = answer.ToJsonString() })).Limit();
        await page.RouteAsync(new Regex($"/api/rooms/{Regex.Escape(room.Id)}/chat\\?"), route =>
        {
            // One page of history, then an empty one.
            var first = new Uri(route.Request.Url).Query.Contains("after=0&", StringComparison.Ordinal);
            return route.FulfillAsync(new() { Status = 200, ContentType = "application/json", Body = first ? chat.ToJsonString() : "[]" });
        }).Limit();
        var viewer = ViewerPage.Attach(page);
        await page.GotoAsync($"r/{room.Id}");
        await Expect(viewer.VideoArea).ToHaveAttributeAsync("data-mode", "replay");
        await page.WaitForFunctionAsync("() => document.querySelector('section.video video')?.duration > 7").Limit();

        // Where each message shows: before the start at 0; in the first session at its time in it; while the
        // host was away at the end of the first session (4 s); after the return 1 s into the second (5 s, not 11 s).
        var replayed = viewer.ReplayMessages.Locator(".chat-text");
        foreach (var (seconds, shown) in new (double, string[])[]
        {
            (1, ["Waiting for the start"]),
            (3, ["Waiting for the start", "Early on"]),
            (4.5, ["Waiting for the start", "Early on", "Anyone there?"]),
            (5.5, ["Waiting for the start", "Early on", "Anyone there?", "Welcome back"]),
            (4.8, ["Waiting for the start", "Early on", "Anyone there?"]),
        })
        {
            await viewer.Video.EvaluateAsync("(v, t) => { v.pause(); v.currentTime = t; }", seconds).Limit();
            await Expect(replayed).ToHaveTextAsync(shown);
        }

        viewer.Watch.ShouldBeClean();
    }

    private static JsonObject Segment(DateTimeOffset startedAt, double offsetSeconds, double durationSeconds) =>
        new() { ["startedAt"] = startedAt.ToString("O"), ["offsetSeconds"] = offsetSeconds, ["durationSeconds"] = durationSeconds };

    private static JsonObject Message(string roomId, int id, string text, DateTimeOffset sentAt) => new()
    {
        ["id"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["roomId"] = roomId,
        ["sender"] = new JsonObject { ["id"] = "v_0000000000000001", ["displayName"] = "Pat", ["role"] = "viewer" },
        ["text"] = text,
        ["sentAt"] = sentAt.ToString("O"),
    };

    /// <summary>A short test-pattern MP4 made by ffmpeg, put in the server's media store; its served path.</summary>
    private async Task<string> StoreVideoAsync(string key, int seconds, CancellationToken ct)
    {
        var file = Path.Combine(Path.GetTempPath(), $"liveroom-e2e-{Guid.NewGuid():N}.mp4");
        try
        {
            var start = new System.Diagnostics.ProcessStartInfo("ffmpeg") { RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in new[]
            {
                "-hide_banner", "-loglevel", "error", "-f", "lavfi", "-i", "testsrc2=size=160x120:rate=10",
                "-t", seconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "-c:v", "libx264", "-preset", "ultrafast", "-g", "10", "-pix_fmt", "yuv420p", "-movflags", "+faststart", file,
            })
            {
                start.ArgumentList.Add(argument);
            }

            using (var ffmpeg = System.Diagnostics.Process.Start(start)!)
            {
                var errors = ffmpeg.StandardError.ReadToEndAsync(ct);
                await ffmpeg.WaitForExitAsync(ct).Limit();
                ffmpeg.ExitCode.ShouldBe(0, await errors.Limit());
            }

            var store = (IMediaStore)fixture.Server.Services.GetService(typeof(IMediaStore))!;
            await using (var content = File.OpenRead(file)) await store.PutAsync(key, content, "video/mp4", ct).Limit();
            return MediaKeys.ServedPath(key);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static Regex RoomAnswer(string roomId) => new($"/api/rooms/{Regex.Escape(roomId)}$");

    /// <summary>No hub: its snapshot would tell the page the room's real state.</summary>
    private static Task KeepHubAwayAsync(IPage page) => page.RouteAsync("**/hubs/**", route => route.AbortAsync()).Limit();

    private async Task<JsonObject> RoomAnswerAsync(string roomId, CancellationToken ct)
    {
        using var http = fixture.Server.CreateHttpClient();
        var room = await http.GetFromJsonAsync<JsonObject>($"api/rooms/{roomId}", ct).Limit();
        return room.ShouldNotBeNull();
    }

    private async Task EndAsync(string roomId, CancellationToken ct)
    {
        using var http = fixture.Server.CreateHttpClient(await fixture.Server.LoginAsync(ct).Limit());
        using var response = await http.PostAsync($"api/rooms/{roomId}/end", content: null, ct).Limit();
        response.EnsureSuccessStatusCode();
    }
}
