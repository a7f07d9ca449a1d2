using System.Text.RegularExpressions;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using static Microsoft.Playwright.Assertions;

namespace LiveRoom.EndToEnd.Tests;

public sealed class RefusalTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_message_longer_than_the_server_allows_is_held_back_by_the_page_at_the_servers_own_limit()
    {
        var ct = TestContext.Current.CancellationToken;
        var room = await fixture.Server.CreateRoomAsync(BrowserFixture.UniqueTitle("Too long"), ct).Limit();
        var limit = BrowserFixture.ServerMaxMessageLength;
        var tooLong = new string('a', limit + 1);
        (await RefusalFromServerAsync(room.Id, tooLong, ct)).ShouldContain($"at most {limit} characters");

        await using var context = await fixture.NewContextAsync(phone: true);
        var viewer = await ViewerPage.OpenAsync(context, $"r/{room.Id}");
        await viewer.JoinAsync("Verbose");
        await viewer.TypeChatAsync(tooLong);

        // The page knows the server's limit (the snapshot's limits), not only its own default of 500.
        await Expect(viewer.ChatError).ToHaveTextAsync($"Too long: at most {limit} characters.");
        await Expect(viewer.Page.Locator(".chat-composer .composer-counter")).ToHaveTextAsync($"{limit + 1}/{limit}");
        await Expect(viewer.ChatInput).ToHaveValueAsync(tooLong);
        await Expect(viewer.ChatMessages).ToHaveCountAsync(0);
        await viewer.ScreenshotAsync("viewer-too-long-phone");

        await viewer.SendChatAsync(tooLong[1..]);
        await Expect(viewer.ChatMessages).ToHaveCountAsync(1);
        viewer.Watch.ShouldBeClean();
    }

    [Fact]
    public async Task Messages_sent_faster_than_the_server_allows_show_the_servers_too_fast_refusal()
    {
        var room = await fixture.Server.CreateRoomAsync(BrowserFixture.UniqueTitle("Too fast"), TestContext.Current.CancellationToken).Limit();
        await using var context = await fixture.NewContextAsync();
        var viewer = await ViewerPage.OpenAsync(context, $"r/{room.Id}");
        await viewer.JoinAsync("Hasty");

        // The rate is a few messages a second with a small burst: sending back to back runs it out.
        var accepted = viewer.Page.Locator(".chat-composer textarea:placeholder-shown");
        var shownError = viewer.Page.Locator(".chat-composer .inline-error:not([hidden])");
        var refused = false;
        for (var i = 0; i < 30 && !refused; i++)
        {
            await viewer.TypeChatAsync($"message number {i}");
            await Expect(shownError.Or(accepted).First).ToBeVisibleAsync();
            refused = await shownError.IsVisibleAsync();
        }

        refused.ShouldBeTrue("thirty back-to-back messages were all accepted");
        await Expect(viewer.ChatError).ToHaveTextAsync(new Regex("too fast", RegexOptions.IgnoreCase));
        await Expect(viewer.ChatError).Not.ToContainTextAsync("HubException");
        viewer.Watch.ShouldBeClean();
    }

    /// <summary>What the server says, through its own .NET client, when this text is sent as chat.</summary>
    private async Task<string> RefusalFromServerAsync(string roomId, string text, CancellationToken ct)
    {
        var probe = await fixture.Server.CreateViewerAsync(roomId, "Probe", ct).Limit();
        var connection = fixture.Server.CreateHubConnection(probe.AccessToken);
        await using (connection)
        {
            await connection.StartAsync(ct).Limit();
            await connection.InvokeAsync("JoinRoom", roomId, ct).Limit();
            var refusal = await Should.ThrowAsync<HubException>(connection.InvokeAsync("SendChat", roomId, text, ct).Limit());
            const string marker = "HubException: ";
            var at = refusal.Message.IndexOf(marker, StringComparison.Ordinal);
            return at >= 0 ? refusal.Message[(at + marker.Length)..] : refusal.Message;
        }
    }
}
