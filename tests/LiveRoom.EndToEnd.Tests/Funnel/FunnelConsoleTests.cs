using System.Net.Http.Json;
using LiveRoom.Contracts.Engagement;
using LiveRoom.Server.Engagement;
using LiveRoom.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LiveRoom.EndToEnd.Tests.Funnel;

/// <summary>The console's funnel page (figures, steps, the stream's chart) on a desktop and a phone, and the leads page sorted by score.</summary>
public sealed class FunnelConsoleTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_marketer_reads_the_rooms_funnel_figures_steps_and_chart_on_a_desktop()
    {
        var server = fixture.Server;
        var title = BrowserFixture.UniqueTitle("Funnel");
        var room = await server.CreateRoomAsync(title, TestContext.Current.CancellationToken).Limit();
        await using (var ann = await RoomClient.JoinAsViewerAsync(server, room.Id, "Ann").Limit())
        await using (var bo = await RoomClient.JoinAsViewerAsync(server, room.Id, "Bo").Limit())
        await using (var cy = await RoomClient.JoinAsViewerAsync(server, room.Id, "Cy").Limit())
        {
            await ann.SendChatAsync("hello").Limit();
            await bo.SendChatAsync("hi").Limit();
            await ann.AskAsync("Is there a discount?").Limit();
            await LeaveDetailsAsync(room.Id, ann.AccessToken, "Ann");
            await Task.Delay(1_100, TestContext.Current.CancellationToken);
            server.Services.GetRequiredService<WatchTimeTracker>().CountAll();
        }

        using (var admin = server.CreateHttpClient(await server.LoginAsync().Limit()))
        {
            (await admin.PostAsync($"api/rooms/{room.Id}/end", null).Limit()).EnsureSuccessStatusCode();
        }

        await server.Services.GetRequiredService<IEngagementLog>().FlushAsync().Limit();
        var marketer = await server.CreateStaffAsync("marketer").Limit();
        await using var context = await fixture.NewContextAsync();
        var console = await ConsolePage.SignInAsync(context, marketer);

        await console.Page.GetByRole(AriaRole.Link, new() { Name = "Funnel", Exact = true }).ClickAsync();
        await console.Page.GetByLabel("Room", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = title });
        var page = console.Page.Locator(".funnel-page");
        await Expect(page).ToHaveAttributeAsync("data-state", "loaded");
        await Expect(page).ToHaveAttributeAsync("data-viewers", "3");
        await Expect(Figure(page, "viewers")).ToHaveTextAsync("3");
        await Expect(Figure(page, "chatters")).ToHaveTextAsync("2");
        await Expect(Figure(page, "questioners")).ToHaveTextAsync("1");
        await Expect(Figure(page, "leads")).ToHaveTextAsync("1");
        await Expect(Figure(page, "peak")).ToHaveTextAsync("3");
        var chatters = page.Locator("tr[data-step='chatters']");
        await Expect(chatters.Locator(".funnel-count")).ToHaveTextAsync("2");
        await Expect(chatters.Locator(".funnel-rate").First).ToHaveTextAsync("66.7%");
        await Expect(page.Locator("tr[data-step='leads'] .funnel-rate").Last).ToHaveTextAsync("33.3%");
        var chart = page.GetByRole(AriaRole.Img, new() { NameRegex = new System.Text.RegularExpressions.Regex("viewers peaked at 3") });
        await Expect(chart.Locator("canvas")).ToBeVisibleAsync();
        await Expect(chart.Locator(".u-legend")).ToContainTextAsync("Chat / min");
        await Expect(page.Locator(".funnel-markers li[data-kind='ended']")).ToContainTextAsync("Ended");
        await Expect(page.Locator(".funnel-agents .empty-state")).ToHaveTextAsync("No private calls in this range.");
        console.Page.Url.ShouldEndWith($"#/funnel/{room.Id}");
        await console.Page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "console-funnel-scripted.png"), FullPage = true });
        var download = await console.Page.RunAndWaitForDownloadAsync(() => console.Page.GetByRole(AriaRole.Button, new() { Name = "Export CSV" }).ClickAsync());
        download.SuggestedFilename.ShouldBe($"funnel-{room.Id}.csv");
        var csv = await File.ReadAllTextAsync(await download.PathAsync().Limit(), TestContext.Current.CancellationToken).Limit();
        csv.ShouldContain("figure,viewers,3,");
        csv.ShouldContain("step,chatters,2,0.6667,0.6667,");

        // Every room: the same page without a chart, at least this room's viewers.
        await console.Page.GetByLabel("Room", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "All rooms" });
        await Expect(page.Locator(".funnel-timeline .empty-state")).ToHaveTextAsync("Choose a room to see its stream over time.");
        console.Page.Url.ShouldEndWith("#/funnel");
        console.Watch.ShouldBeClean();
    }

    [Fact]
    public async Task A_stream_of_forty_minutes_is_charted_minute_by_minute_on_a_phone_and_a_desktop()
    {
        var server = fixture.Server;
        var title = BrowserFixture.UniqueTitle("Product launch");
        var room = await server.CreateRoomAsync(title, TestContext.Current.CancellationToken).Limit();
        await WriteStreamAsync(room.Id, minutes: 40);
        var marketer = await server.CreateStaffAsync("marketer").Limit();

        await using (var phone = await fixture.NewContextAsync(phone: true))
        {
            var console = await ConsolePage.SignInAsync(phone, marketer);
            await console.Page.GotoAsync($"console#/funnel/{room.Id}");
            var page = console.Page.Locator(".funnel-page");
            await Expect(page).ToHaveAttributeAsync("data-state", "loaded");
            var chart = page.Locator(".funnel-chart");
            await Expect(chart).ToHaveAttributeAsync("data-points", "40");
            await Expect(chart.Locator("canvas")).ToBeVisibleAsync();
            var box = (await chart.BoundingBoxAsync().Limit())!;
            box.Width.ShouldBeLessThanOrEqualTo(390, "the chart fits the phone's width");
            box.X.ShouldBeGreaterThanOrEqualTo(0);
            await Expect(Figure(page, "peak")).ToHaveTextAsync("65");
            await Expect(Figure(page, "viewers")).ToHaveTextAsync("70");
            await Expect(Figure(page, "leads")).ToHaveTextAsync("6");
            await Expect(page.Locator(".funnel-markers li[data-kind='ended']")).ToBeVisibleAsync();
            (await console.Page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth").Limit()).ShouldBeTrue("nothing wider than the phone");
            await console.Page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "console-funnel-phone.png"), FullPage = true });
            console.Watch.ShouldBeClean();
        }

        await using var desktop = await fixture.NewContextAsync();
        var wide = await ConsolePage.SignInAsync(desktop, marketer);
        await wide.Page.GotoAsync($"console#/funnel/{room.Id}");
        await Expect(wide.Page.Locator(".funnel-chart")).ToHaveAttributeAsync("data-points", "40");
        await Expect(wide.Page.Locator(".funnel-chart canvas")).ToBeVisibleAsync();
        ((await wide.Page.Locator(".funnel-chart").BoundingBoxAsync().Limit())!.Width).ShouldBeGreaterThan(600, "the chart takes the desktop's width");
        await wide.Page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "console-funnel-desktop.png"), FullPage = true });
        wide.Watch.ShouldBeClean();
    }

    [Fact]
    public async Task The_leads_page_lists_the_most_engaged_first_with_their_scores()
    {
        var server = fixture.Server;
        var title = BrowserFixture.UniqueTitle("Scored leads");
        var room = await server.CreateRoomAsync(title, TestContext.Current.CancellationToken).Limit();
        await using (var keen = await RoomClient.JoinAsViewerAsync(server, room.Id, "Keen").Limit())
        await using (var quiet = await RoomClient.JoinAsViewerAsync(server, room.Id, "Quiet").Limit())
        await using (var chatty = await RoomClient.JoinAsViewerAsync(server, room.Id, "Chatty").Limit())
        {
            await keen.AskAsync("Can I try it first?").Limit();
            await keen.SendChatAsync("looks good").Limit();
            await chatty.SendChatAsync("hello").Limit();
            await LeaveDetailsAsync(room.Id, keen.AccessToken, "Keen");
            await LeaveDetailsAsync(room.Id, chatty.AccessToken, "Chatty");
            await LeaveDetailsAsync(room.Id, quiet.AccessToken, "Quiet");
        }

        await server.Services.GetRequiredService<IEngagementLog>().FlushAsync().Limit();
        var marketer = await server.CreateStaffAsync("marketer").Limit();
        await using var context = await fixture.NewContextAsync();
        var console = await ConsolePage.SignInAsync(context, marketer);

        await console.Page.GotoAsync($"console#/leads/{room.Id}");
        var page = console.Page.Locator(".leads-page");
        await Expect(page).ToHaveAttributeAsync("data-count", "3");
        await Expect(page.Locator(".lead-item .lead-name")).ToHaveTextAsync(["Keen", "Chatty", "Quiet"]);
        await Expect(page.Locator(".lead-item .lead-score")).ToHaveTextAsync(["7", "2", "0"]);
        await Expect(page.Locator(".lead-item").First.Locator(".lead-score")).ToHaveAttributeAsync("aria-label", "Engagement score 7");
        await Expect(page.Locator(".leads-count")).ToHaveTextAsync("3 leads, the most engaged first");
        await console.Page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "console-leads-scored.png") });
        console.Watch.ShouldBeClean();
    }

    private static ILocator Figure(ILocator page, string name) => page.Locator($".funnel-figure[data-figure='{name}'] .funnel-value");

    /// <summary>
    /// Forty minutes of a stream's engagement, as the viewer grains would have queued it: an audience that grows to
    /// 65 and thins out (70 different viewers, six of them real identities who leave their details), chat that
    /// follows it, questions, card clicks, QR scans and calls; then the room ends.
    /// </summary>
    private async Task WriteStreamAsync(string roomId, int minutes)
    {
        var server = fixture.Server;
        var viewers = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            var identity = await server.CreateViewerAsync(roomId, $"Lead {i + 1}", TestContext.Current.CancellationToken).Limit();
            await LeaveDetailsAsync(roomId, identity.AccessToken, $"Lead{i + 1}");
            viewers.Add(identity.ViewerId);
        }

        while (viewers.Count < 70) viewers.Add($"vw_stream{viewers.Count:D3}");
        var log = server.Services.GetRequiredService<IEngagementLog>();
        var start = DateTimeOffset.UtcNow.AddMinutes(-minutes - 1);
        start = new DateTimeOffset(start.UtcTicks - (start.UtcTicks % TimeSpan.TicksPerMinute), TimeSpan.Zero);
        var joined = new HashSet<string>();
        for (var m = 0; m < minutes; m++)
        {
            var at = start.AddMinutes(m).AddSeconds(30);
            var watching = (int)Math.Round(20 + (45 * Math.Sin(Math.PI * (m + 0.5) / minutes)));
            var first = m < minutes / 2 ? 0 : 70 - watching;
            for (var v = first; v < first + watching; v++)
            {
                var viewer = viewers[v];
                if (joined.Add(viewer)) log.Add(new EngagementEvent(roomId, viewer, EngagementKind.Join, null, 1, at.AddSeconds(-20)));
                log.Add(new EngagementEvent(roomId, viewer, EngagementKind.Watch, null, 60, at));
                if (v % 3 == 0 && (v + m) % 4 == 0) log.Add(new EngagementEvent(roomId, viewer, EngagementKind.Chat, null, 1, at.AddSeconds(5)));
                if (v % 5 == 0 && (v + m) % 17 == 0) log.Add(new EngagementEvent(roomId, viewer, EngagementKind.Question, null, 1, at.AddSeconds(6)));
                if (v % 4 == 1 && m == 15) log.Add(new EngagementEvent(roomId, viewer, EngagementKind.CardClick, "card-1", 1, at.AddSeconds(8)));
                if (v % 8 == 1 && m == 22) log.Add(new EngagementEvent(roomId, viewer, EngagementKind.ChannelVisit, "qr", 1, at.AddSeconds(9)));
                if (v - first < 6 && m == 25)
                {
                    log.Add(new EngagementEvent(roomId, viewer, EngagementKind.CallRequested, "tk", 1, at.AddSeconds(10)));
                    if (v - first < 4) log.Add(new EngagementEvent(roomId, viewer, EngagementKind.CallAccepted, "call", 1, at.AddSeconds(20)));
                    if (v - first < 3) log.Add(new EngagementEvent(roomId, viewer, EngagementKind.CallCompleted, "call", 1, at.AddSeconds(25)));
                }
            }
        }

        await log.FlushAsync().Limit();
        using var admin = server.CreateHttpClient(await server.LoginAsync().Limit());
        (await admin.PostAsync($"api/rooms/{roomId}/end", null).Limit()).EnsureSuccessStatusCode();
    }

    private async Task LeaveDetailsAsync(string roomId, string accessToken, string name)
    {
        using var client = fixture.Server.CreateHttpClient(accessToken);
        using var response = await client.PostAsJsonAsync($"api/rooms/{roomId}/leads", new { name, email = $"{name.ToLowerInvariant()}@example.com", consent = true }).Limit();
        response.EnsureSuccessStatusCode();
    }
}
