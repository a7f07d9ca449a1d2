using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
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
