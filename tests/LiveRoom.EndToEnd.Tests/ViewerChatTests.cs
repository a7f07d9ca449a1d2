using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LiveRoom.EndToEnd.Tests;

public sealed class ViewerChatTests(BrowserFixture fixture)
{
    private const string Markup = "<img src=x onerror=alert(1)>";

    [Fact]
    public async Task A_chat_message_from_one_viewer_appears_for_the_other_and_markup_is_shown_as_plain_text()
    {
        var room = await fixture.Server.CreateRoomAsync(BrowserFixture.UniqueTitle("Chat"), TestContext.Current.CancellationToken).Limit();
        await using var phone = await fixture.NewContextAsync(phone: true);
        await using var desktop = await fixture.NewContextAsync();
        var alice = await ViewerPage.OpenAsync(phone, $"r/{room.Id}");
        var bob = await ViewerPage.OpenAsync(desktop, $"r/{room.Id}");

        await alice.JoinAsync("Alice");
        await bob.JoinAsync("Bob");
        await Expect(alice.Page.GetByText("No messages yet — say hello")).ToBeVisibleAsync();
        await Expect(bob.ViewerCount).ToHaveAttributeAsync("data-count", "2");
        await Expect(bob.ViewerCount).ToHaveTextAsync("2 watching");

        await alice.SendChatAsync("Hello Bob, can you hear the host?");
        var received = bob.ChatMessage("Hello Bob, can you hear the host?");
        await Expect(received).ToBeVisibleAsync();
        await Expect(received.Locator(".chat-sender")).ToHaveTextAsync("Alice");
        await Expect(received.Locator(".role-badge")).ToHaveCountAsync(0);

        await alice.SendChatAsync(Markup);
        await Expect(bob.ChatMessage(Markup)).ToBeVisibleAsync();
        await Expect(alice.ChatMessage(Markup)).ToBeVisibleAsync();
        await Expect(bob.Page.Locator(".chat-list img")).ToHaveCountAsync(0);
        await Expect(alice.Page.Locator(".chat-list img")).ToHaveCountAsync(0);

        // One more round trip, so a broken image's onerror would have had every chance to fire.
        await bob.SendChatAsync("Looks like plain text to me");
        await Expect(alice.ChatMessage("Looks like plain text to me")).ToBeVisibleAsync();
        await Expect(alice.ChatMessages).ToHaveCountAsync(3);
        await Expect(bob.ChatMessages).ToHaveCountAsync(3);

        await alice.ScreenshotAsync("viewer-chat-phone");
        await bob.ScreenshotAsync("viewer-chat-desktop");
        alice.Watch.ShouldBeClean();
        bob.Watch.ShouldBeClean();
    }

    [Fact]
    public async Task A_viewer_who_reloads_the_page_keeps_their_name_and_sees_the_chat_history()
    {
        var room = await fixture.Server.CreateRoomAsync(BrowserFixture.UniqueTitle("Reload"), TestContext.Current.CancellationToken).Limit();
        await using var context = await fixture.NewContextAsync();
        var viewer = await ViewerPage.OpenAsync(context, $"r/{room.Id}");
        await viewer.JoinAsync("Dana");
        await viewer.SendChatAsync("Before the reload");

        await viewer.Page.ReloadAsync();

        await Expect(viewer.Connection).ToHaveAttributeAsync("data-state", "connected");
        await Expect(viewer.Page.Locator("#join-name")).ToHaveCountAsync(0);
        await Expect(viewer.ChatMessage("Before the reload")).ToBeVisibleAsync();
        await Expect(viewer.ChatMessage("Before the reload")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\bmine\b"));
        await Expect(viewer.Page.GetByText("You are Dana")).ToBeVisibleAsync();
        viewer.Watch.ShouldBeClean();
    }

    [Fact]
    public async Task A_viewer_whose_stored_identity_is_no_longer_accepted_is_asked_for_a_name_again_and_can_rejoin()
    {
        var room = await fixture.Server.CreateRoomAsync(BrowserFixture.UniqueTitle("Identity"), TestContext.Current.CancellationToken).Limit();
        await using var context = await fixture.NewContextAsync();
        var viewer = await ViewerPage.OpenAsync(context, $"r/{room.Id}");
        await viewer.JoinAsync("Erin");

        // As if the token had expired or the server's keys had changed.
        await viewer.Page.EvaluateAsync(
            "roomId => { const key = 'liveroom.viewer.' + roomId; const v = JSON.parse(localStorage.getItem(key)); v.accessToken = 'not-a-valid-token'; localStorage.setItem(key, JSON.stringify(v)); }",
            room.Id).Limit();
        await viewer.Page.ReloadAsync();

        await Expect(viewer.Page.Locator("#join-name")).ToHaveValueAsync("Erin");
        await viewer.Page.Locator(".join-form button[type=submit]").ClickAsync();
        await Expect(viewer.Connection).ToHaveAttributeAsync("data-state", "connected");
        await viewer.SendChatAsync("Back again");
        await Expect(viewer.ChatMessage("Back again")).ToBeVisibleAsync();
        viewer.Watch.ShouldBeClean();
    }

    [Fact]
    public async Task An_unknown_room_shows_a_room_not_found_page()
    {
        await using var context = await fixture.NewContextAsync();
        var viewer = await ViewerPage.OpenAsync(context, "r/no-such-room");

        await Expect(viewer.Page.GetByRole(AriaRole.Heading, new PageGetByRoleOptions { Name = "Room not found" })).ToBeVisibleAsync();
        await Expect(viewer.Page.Locator("#join-name")).ToHaveCountAsync(0);
        viewer.Watch.ShouldBeClean();
    }
}
