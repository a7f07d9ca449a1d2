using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using LiveRoom.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LiveRoom.EndToEnd.Tests;

public sealed class ConnectionTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_viewer_on_MessagePack_and_a_viewer_on_JSON_chat_and_see_the_same_questions()
    {
        var room = await fixture.Server.CreateRoomAsync(BrowserFixture.UniqueTitle("Protocols"), TestContext.Current.CancellationToken).Limit();
        await using var packedContext = await fixture.NewContextAsync(phone: true);
        await using var jsonContext = await fixture.NewContextAsync();
        var handshakes = new ConcurrentQueue<string>();
        var packedPage = await packedContext.NewPageAsync().Limit();
        packedPage.WebSocket += (_, socket) => socket.FrameSent += (_, frame) =>
        {
            if (frame.Text is { } text && text.Contains("\"protocol\"", StringComparison.Ordinal)) handshakes.Enqueue(text);
        };
        var packed = ViewerPage.Attach(packedPage);
        await packedPage.GotoAsync($"r/{room.Id}?protocol=msgpack");
        var json = await ViewerPage.OpenAsync(jsonContext, $"r/{room.Id}");

        await packed.JoinAsync("Packed");
        await json.JoinAsync("Plain");
        handshakes.ShouldContain(h => h.Contains("messagepack", StringComparison.Ordinal));

        await packed.SendChatAsync("Sent as MessagePack — 你好");
        await Expect(json.ChatMessage("Sent as MessagePack — 你好")).ToBeVisibleAsync();
        await json.SendChatAsync("Sent as JSON");
        await Expect(packed.ChatMessage("Sent as JSON")).ToBeVisibleAsync();
        await Expect(packed.ChatMessage("Sent as JSON").Locator("time")).ToHaveTextAsync(new Regex(@"\d{1,2}:\d{2}"));

        await json.OpenQuestionsAsync();
        await json.AskAsync("Older question");
        await json.AskAsync("Newer question");
        await packed.OpenQuestionsAsync();
        await packed.Question("Newer question").GetByRole(AriaRole.Button, new() { Name = "Upvote this question" }).ClickAsync();
        foreach (var viewer in new[] { packed, json })
        {
            await Expect(viewer.Questions.Nth(0)).ToContainTextAsync("Newer question");
            await Expect(viewer.Questions.Nth(1)).ToContainTextAsync("Older question");
        }

        // A reload draws the same order from the join snapshot (times arrive as ISO strings in both protocols).
        await packed.Page.ReloadAsync();
        await Expect(packed.Connection).ToHaveAttributeAsync("data-state", "connected");
        await packed.OpenQuestionsAsync();
        await Expect(packed.Questions.Nth(0)).ToContainTextAsync("Newer question");
        await Expect(packed.Questions.Nth(0).GetByRole(AriaRole.Button)).ToBeDisabledAsync();
        packed.Watch.ShouldBeClean();
        json.Watch.ShouldBeClean();
    }

    [Fact]
    public async Task A_viewer_whose_connection_drops_reconnects_by_itself_and_catches_up_on_missed_chat()
    {
        var room = await fixture.Server.CreateRoomAsync(BrowserFixture.UniqueTitle("Reconnect"), TestContext.Current.CancellationToken).Limit();
        await using var flakyContext = await fixture.NewContextAsync(phone: true);
        await using var steadyContext = await fixture.NewContextAsync();
        var page = await flakyContext.NewPageAsync().Limit();

        var network = await HubNetworkCut.AttachAsync(page);

        var flaky = ViewerPage.Attach(page);
        await page.GotoAsync($"r/{room.Id}");
        var steady = await ViewerPage.OpenAsync(steadyContext, $"r/{room.Id}");
        await flaky.JoinAsync("Flaky");
        await steady.JoinAsync("Steady");

        await network.CutAsync();
        await Expect(flaky.Connection).ToHaveAttributeAsync("data-state", "reconnecting");
        await steady.SendChatAsync("Said while you were away");

        network.Restore();
        await Expect(flaky.Connection).ToHaveAttributeAsync("data-state", "connected", new() { Timeout = 30_000 });
        await Expect(flaky.ChatMessage("Said while you were away")).ToBeVisibleAsync();
        await steady.SendChatAsync("Said after you came back");
        await Expect(flaky.ChatMessage("Said after you came back")).ToBeVisibleAsync();
        await flaky.SendChatAsync("Thanks, I am back");
        await Expect(steady.ChatMessage("Thanks, I am back")).ToBeVisibleAsync();
        flaky.Watch.ShouldBeClean();
        steady.Watch.ShouldBeClean();
    }

    [Fact]
    public async Task A_viewer_who_reconnects_after_a_busy_drop_sees_everything_said_beyond_the_join_snapshot()
    {
        var room = await fixture.Server.CreateRoomAsync(BrowserFixture.UniqueTitle("Busy reconnect"), TestContext.Current.CancellationToken).Limit();
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync().Limit();
        var network = await HubNetworkCut.AttachAsync(page);
        var viewer = ViewerPage.Attach(page);
        await page.GotoAsync($"r/{room.Id}");
        await viewer.JoinAsync("Returning");
        await viewer.SendChatAsync("Before the drop");
        var talkers = new List<RoomClient>();
        try
        {
            // 24 people × 5 messages (each person's burst): 120 messages, more than the 100 a join snapshot holds.
            for (var i = 0; i < 24; i++) talkers.Add(await RoomClient.JoinAsViewerAsync(fixture.Server, room.Id, $"Talker {i}").Limit());

            await network.CutAsync();
            await Expect(viewer.Connection).ToHaveAttributeAsync("data-state", "reconnecting");
            await Task.WhenAll(talkers.Select(async (talker, t) =>
            {
                for (var m = 0; m < 5; m++) await talker.SendChatAsync($"Away {t * 5 + m + 1:D3}");
            })).Limit();
            network.Restore();

            await Expect(viewer.Connection).ToHaveAttributeAsync("data-state", "connected", new() { Timeout = 30_000 });
            await Expect(viewer.ChatMessages.Filter(new() { HasText = "Away " })).ToHaveCountAsync(120);
            await Expect(viewer.ChatMessage("Before the drop")).ToBeVisibleAsync();
            await Expect(page.Locator(".chat-notice")).ToHaveCountAsync(0);
            viewer.Watch.ShouldBeClean();
        }
        finally
        {
            foreach (var talker in talkers) await talker.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_viewer_who_missed_more_than_the_catch_up_bound_is_told_that_earlier_messages_were_skipped()
    {
        await using var server = await LiveRoomTestServer.StartAsync(new Dictionary<string, string?>
        {
            ["LiveRoom:Chat:MessagesPerSecond"] = "10000",
            ["LiveRoom:Chat:Burst"] = "10000",
            ["LiveRoom:Hub:CallsPerSecond"] = "10000",
            ["LiveRoom:Hub:CallBurst"] = "10000",
        }, cancellationToken: TestContext.Current.CancellationToken).Limit(TimeSpan.FromSeconds(60));
        var room = await server.CreateRoomAsync("Very busy", TestContext.Current.CancellationToken).Limit();
        await using var context = await fixture.NewContextAsync(server: server);
        var page = await context.NewPageAsync().Limit();
        var network = await HubNetworkCut.AttachAsync(page);
        var viewer = ViewerPage.Attach(page);
        await page.GotoAsync($"r/{room.Id}");
        await viewer.JoinAsync("Returning");
        await viewer.SendChatAsync("Before the drop");
        await using var talker = await RoomClient.JoinAsViewerAsync(server, room.Id, "Talker").Limit();

        await network.CutAsync();
        await Expect(viewer.Connection).ToHaveAttributeAsync("data-state", "reconnecting");
        for (var i = 1; i <= 1200; i++) await talker.SendChatAsync($"Away {i:D4}");
        network.Restore();

        // Message 1 is "Before the drop", 2–1201 the 1,200 said while away; the snapshot holds the last 100
        // (1102–1201) and the page catches up on the 1,000 before them (102–1101): "Away 0101" onwards.
        await Expect(viewer.Connection).ToHaveAttributeAsync("data-state", "connected", new() { Timeout = 30_000 });
        await Expect(viewer.ChatMessages.Filter(new() { HasText = "Away " })).ToHaveCountAsync(1100);
        await Expect(viewer.ChatMessage("Away 0101")).ToHaveCountAsync(1);
        await Expect(viewer.ChatMessage("Away 0100")).ToHaveCountAsync(0);
        await Expect(page.Locator(".chat-notice")).ToHaveTextAsync("Some earlier messages were skipped");
        await Expect(page.Locator(".chat-notice + li")).ToContainTextAsync("Away 0101");
        await Expect(viewer.ChatMessage("Before the drop")).ToHaveCountAsync(1);
        viewer.Watch.ShouldBeClean();
    }
}
