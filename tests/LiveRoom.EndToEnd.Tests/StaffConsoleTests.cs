using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LiveRoom.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LiveRoom.EndToEnd.Tests;

public sealed class StaffConsoleTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Staff_create_a_room_see_its_stream_settings_and_answer_a_viewers_question_that_the_viewer_then_sees()
    {
        var ct = TestContext.Current.CancellationToken;
        var title = BrowserFixture.UniqueTitle("Launch day");
        await using var staffContext = await fixture.NewContextAsync();
        var staff = await staffContext.NewPageAsync().Limit();
        var staffWatch = new PageWatch(staff);
        await staff.GotoAsync("console");

        // A wrong password is refused in words, then the right one signs in.
        await staff.GetByLabel("Email").FillAsync(fixture.Server.AdminEmail);
        await staff.GetByLabel("Password").FillAsync("not-the-password");
        await staff.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(staff.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Wrong email or password");
        await staff.GetByLabel("Password").FillAsync(fixture.Server.AdminPassword);
        await staff.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await staff.GetByLabel("Title").FillAsync(title);
        await staff.GetByLabel("Description (optional)").FillAsync("The new line-up, live.");
        await staff.GetByRole(AriaRole.Button, new() { Name = "Create room" }).ClickAsync();

        var created = staff.Locator(".created-slot .ingest-panel");
        await Expect(created).ToContainTextAsync(title);
        var viewerLink = created.Locator("[data-field=viewer-url]");
        var viewerUrl = await viewerLink.GetAttributeAsync("href");
        viewerUrl.ShouldNotBeNull();
        var viewerPath = new Uri(viewerUrl).AbsolutePath;
        viewerPath.ShouldStartWith("/r/");
        var roomId = viewerPath["/r/".Length..];
        await Expect(viewerLink).ToHaveTextAsync(viewerUrl);

        // The stream key is hidden until asked for, and then it is the room's real key.
        var ingest = await ReadIngestAsync(roomId, ct);
        var streamKey = created.Locator("[data-field=stream-key]");
        await Expect(streamKey).ToHaveAttributeAsync("data-masked", "true");
        await Expect(streamKey).Not.ToContainTextAsync(ingest.StreamKey);
        await Expect(created.Locator("[data-field=rtmp-url]")).ToHaveTextAsync(ingest.RtmpUrl);
        await created.Locator("[data-action=show-stream-key]").ClickAsync();
        await Expect(streamKey).ToHaveTextAsync(ingest.StreamKey);
        await Expect(created.Locator("[data-field=publish-url]")).Not.ToContainTextAsync(ingest.StreamKey);
        await staff.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "console-created-room.png"), FullPage = true });

        // A viewer opens the link from the console and asks a question.
        await using var viewerContext = await fixture.NewContextAsync(phone: true);
        var viewer = await ViewerPage.OpenAsync(viewerContext, viewerUrl);
        await Expect(viewer.Page.Locator(".room-title")).ToHaveTextAsync(title);
        await viewer.JoinAsync("Carol");
        await viewer.OpenQuestionsAsync();
        await viewer.AskAsync("Is there a student discount?");

        // Staff moderate the room: chat as staff and answer the question.
        await staff.Locator(".room-card", new() { HasText = title }).GetByRole(AriaRole.Link, new() { Name = "Moderate" }).ClickAsync();
        await Expect(staff.Locator(".moderation-view .connection")).ToHaveAttributeAsync("data-state", "connected");
        var question = staff.Locator(".question", new() { HasText = "Is there a student discount?" });
        await Expect(question).ToBeVisibleAsync();
        await question.GetByRole(AriaRole.Button, new() { Name = "Answer" }).ClickAsync();
        await question.GetByLabel("Answer to this question").FillAsync("Yes: 20% off with a student card.");
        // The server's limits reach the console: answers may be longer than chat (2,000 against the fixture's 200).
        await Expect(question.Locator(".answer-composer .composer-counter")).ToHaveTextAsync("33/2000");
        await Expect(staff.Locator(".moderation-view .chat-composer .composer-counter")).ToHaveTextAsync($"0/{BrowserFixture.ServerMaxMessageLength}");
        await question.GetByRole(AriaRole.Button, new() { Name = "Publish answer" }).ClickAsync();
        await Expect(question.Locator(".question-answer-text")).ToHaveTextAsync("Yes: 20% off with a student card.");

        var answered = viewer.Question("Is there a student discount?");
        await Expect(answered.Locator(".question-answer-text")).ToHaveTextAsync("Yes: 20% off with a student card.");
        await Expect(answered.Locator(".badge-answered")).ToHaveTextAsync("Answered");

        await staff.GetByRole(AriaRole.Textbox, new() { Name = "Chat message" }).FillAsync("Welcome, everyone!");
        await staff.GetByRole(AriaRole.Textbox, new() { Name = "Chat message" }).PressAsync("Enter");
        await viewer.OpenChatAsync();
        var staffMessage = viewer.ChatMessage("Welcome, everyone!");
        await Expect(staffMessage).ToBeVisibleAsync();
        await Expect(staffMessage.Locator(".role-badge")).ToHaveTextAsync("Admin");

        await staff.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "console-moderation.png") });
        await viewer.ScreenshotAsync("viewer-answered-phone");
        staffWatch.ShouldBeClean();
        viewer.Watch.ShouldBeClean();
    }

    [Fact]
    public async Task Staff_delete_a_message_and_mute_its_sender_and_the_viewer_sees_both()
    {
        var room = await fixture.Server.CreateRoomAsync(BrowserFixture.UniqueTitle("Moderation"), TestContext.Current.CancellationToken).Limit();
        await using var viewerContext = await fixture.NewContextAsync();
        var viewer = await ViewerPage.OpenAsync(viewerContext, $"r/{room.Id}");
        await viewer.JoinAsync("Mallory");
        await viewer.SendChatAsync("Buy cheap watches at example.invalid");

        await using var staffContext = await fixture.NewContextAsync();
        var console = await ConsolePage.SignInAsync(staffContext, fixture.Server);
        var staff = console.Page;
        await staff.GotoAsync($"console#/rooms/{room.Id}");
        var spam = staff.Locator(".chat-message", new() { HasText = "Buy cheap watches" });
        await spam.GetByRole(AriaRole.Button, new() { Name = "Mute Mallory" }).ClickAsync();
        await Expect(spam.GetByRole(AriaRole.Button, new() { Name = "Unmute Mallory" })).ToBeVisibleAsync();
        await spam.GetByRole(AriaRole.Button, new() { Name = "Delete this message from Mallory" }).ClickAsync();
        await Expect(spam).ToHaveCountAsync(0);

        await Expect(viewer.ChatMessage("Buy cheap watches at example.invalid")).ToHaveCountAsync(0);
        await viewer.TypeChatAsync("Let me talk!");
        await Expect(viewer.ChatError).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("muted", System.Text.RegularExpressions.RegexOptions.IgnoreCase));
        await Expect(viewer.ChatError).Not.ToContainTextAsync("HubException");
        console.Watch.ShouldBeClean();
        viewer.Watch.ShouldBeClean();
    }

    [Fact]
    public async Task Staff_ban_a_viewer_and_a_new_identity_from_the_same_address_is_refused()
    {
        var room = await fixture.Server.CreateRoomAsync(BrowserFixture.UniqueTitle("Bans"), TestContext.Current.CancellationToken).Limit();
        await using var viewerContext = await fixture.NewContextAsync();
        var viewer = await ViewerPage.OpenAsync(viewerContext, $"r/{room.Id}");
        await viewer.JoinAsync("Troll");
        await viewer.SendChatAsync("Fake giveaway at example.invalid");

        await using var staffContext = await fixture.NewContextAsync();
        var console = await ConsolePage.SignInAsync(staffContext, fixture.Server);
        await console.Page.GotoAsync($"console#/rooms/{room.Id}");
        var spam = console.Page.Locator(".chat-message", new() { HasText = "Fake giveaway" });
        await spam.GetByRole(AriaRole.Button, new() { Name = "Ban Troll and their network address from this room" }).ClickAsync();
        var lift = spam.GetByRole(AriaRole.Button, new() { Name = "Lift the ban on Troll" });
        await Expect(lift).ToBeVisibleAsync();
        await Expect(lift).ToHaveAttributeAsync("aria-pressed", "true");

        await viewer.TypeChatAsync("I am back");
        await Expect(viewer.ChatError).ToContainTextAsync("removed");
        await using var freshContext = await fixture.NewContextAsync();
        var again = await ViewerPage.OpenAsync(freshContext, $"r/{room.Id}");
        await again.Page.Locator("#join-name").FillAsync("Not a troll");
        await again.Page.Locator(".join-form button[type=submit]").ClickAsync();
        await Expect(again.Page.Locator(".join-form")).ToContainTextAsync("removed from this room");
        console.Watch.ShouldBeClean();
    }

    [Fact]
    public async Task Staff_make_new_viewers_wait_and_a_new_viewer_is_told_how_long()
    {
        var room = await fixture.Server.CreateRoomAsync(BrowserFixture.UniqueTitle("New here"), TestContext.Current.CancellationToken).Limit();
        await using var staffContext = await fixture.NewContextAsync();
        var console = await ConsolePage.SignInAsync(staffContext, fixture.Server);
        await console.Page.GotoAsync($"console#/rooms/{room.Id}");
        var wait = console.Page.GetByLabel("New viewers wait before their first message (seconds, 0 = off)");
        await Expect(wait).ToHaveValueAsync("0");
        await wait.FillAsync("300");
        await wait.PressAsync("Enter");
        await Expect(console.Page.GetByText("New viewers now wait 300 s before their first message.")).ToBeVisibleAsync();

        await using var viewerContext = await fixture.NewContextAsync();
        var viewer = await ViewerPage.OpenAsync(viewerContext, $"r/{room.Id}");
        await viewer.JoinAsync("Newcomer");
        await viewer.TypeChatAsync("First!");
        await Expect(viewer.ChatError).ToContainTextAsync(new System.Text.RegularExpressions.Regex(@"New here: you can send your first message in \d+ seconds"));
        await console.Page.ReloadAsync();
        await Expect(console.Page.GetByLabel("New viewers wait before their first message (seconds, 0 = off)")).ToHaveValueAsync("300");
        console.Watch.ShouldBeClean();
        viewer.Watch.ShouldBeClean();
    }

    [Fact]
    public async Task Staff_pin_and_dismiss_questions_and_end_the_room_and_the_viewer_sees_each_change()
    {
        var title = BrowserFixture.UniqueTitle("Wrap-up");
        var room = await fixture.Server.CreateRoomAsync(title, TestContext.Current.CancellationToken).Limit();
        await using var viewerContext = await fixture.NewContextAsync(phone: true);
        var viewer = await ViewerPage.OpenAsync(viewerContext, $"r/{room.Id}");
        await viewer.JoinAsync("Quinn");
        await viewer.OpenQuestionsAsync();
        await viewer.AskAsync("An off-topic question");
        await viewer.AskAsync("The question everyone wants answered");
        await Expect(viewer.Questions.Nth(0)).ToContainTextAsync("An off-topic question");

        await using var staffContext = await fixture.NewContextAsync();
        var console = await ConsolePage.SignInAsync(staffContext, fixture.Server);
        var staff = console.Page;
        await staff.GotoAsync($"console#/rooms/{room.Id}");
        var important = staff.Locator(".question", new() { HasText = "The question everyone wants answered" });
        await important.GetByRole(AriaRole.Button, new() { Name = "Pin" }).ClickAsync();
        await Expect(important.GetByRole(AriaRole.Button, new() { Name = "Unpin" })).ToBeVisibleAsync();

        await Expect(viewer.Questions.Nth(0)).ToContainTextAsync("The question everyone wants answered");
        await Expect(viewer.Questions.Nth(0)).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\bpinned\b"));
        await Expect(viewer.Questions.Nth(0).Locator(".badge-pinned")).ToHaveTextAsync("Pinned");

        await staff.Locator(".question", new() { HasText = "An off-topic question" }).GetByRole(AriaRole.Button, new() { Name = "Dismiss" }).ClickAsync();
        await Expect(viewer.Questions).ToHaveCountAsync(1);
        await Expect(viewer.Question("An off-topic question")).ToHaveCountAsync(0);

        // Ending asks for confirmation first; the viewer's page then says the live is over.
        await staff.GetByRole(AriaRole.Link, new() { Name = "← All rooms" }).ClickAsync();
        var card = console.RoomCard(title);
        await card.GetByRole(AriaRole.Button, new() { Name = "End room" }).ClickAsync();
        var dialog = staff.GetByRole(AriaRole.Dialog);
        await Expect(dialog).ToContainTextAsync(title);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "End room" }).ClickAsync();
        await Expect(card.Locator(".status-badge")).ToHaveTextAsync("Ended");

        await Expect(viewer.Page.Locator(".status-badge")).ToHaveTextAsync("Ended");
        await Expect(viewer.Page.Locator(".video-message")).ToHaveTextAsync("This live has ended");
        await viewer.OpenChatAsync();
        await Expect(viewer.ChatInput).ToBeDisabledAsync();
        await Expect(viewer.Page.Locator(".chat-composer .composer-notice")).ToHaveTextAsync("This live has ended");
        await viewer.ScreenshotAsync("viewer-ended-phone");
        console.Watch.ShouldBeClean();
        viewer.Watch.ShouldBeClean();
    }

    [Fact]
    public async Task Staff_rotate_the_key_of_a_live_room_choose_to_disconnect_its_publisher_and_the_room_is_interrupted()
    {
        var ct = TestContext.Current.CancellationToken;
        var title = BrowserFixture.UniqueTitle("Leaked key");
        var room = await fixture.Server.CreateRoomAsync(title, ct).Limit();
        await using var publisher = FfmpegPublisher.Start(fixture.Server.PublishUrl(room.StreamKey), 60, width: 320, height: 240, fps: 15);
        await using var staffContext = await fixture.NewContextAsync();
        var console = await ConsolePage.SignInAsync(staffContext, fixture.Server);
        var card = console.RoomCard(title);
        // The list refreshes every 15 s.
        await Expect(card.Locator(".status-badge")).ToHaveTextAsync("Live", new() { Timeout = 40_000 });

        // For a live room the question offers the choice; the safe answer has the focus.
        await card.GetByRole(AriaRole.Button, new() { Name = "Rotate key" }).ClickAsync();
        var dialog = console.Page.GetByRole(AriaRole.Dialog);
        await Expect(dialog).ToContainTextAsync("also disconnect them");
        await Expect(dialog.GetByRole(AriaRole.Button, new() { Name = "Cancel" })).ToBeFocusedAsync();
        await Expect(dialog.GetByRole(AriaRole.Button, new() { Name = "Rotate, keep the publisher" })).ToBeVisibleAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Rotate and disconnect" }).ClickAsync();

        await Expect(card.Locator(".status-badge")).ToHaveTextAsync("Interrupted");
        var ingest = await ReadIngestAsync(room.Id, ct);
        ingest.StreamKey.ShouldNotBe(room.StreamKey);
        await Expect(card.Locator(".ingest-panel")).ToContainTextAsync("New stream key");
        (await publisher.WaitAsync(TimeSpan.FromSeconds(30))).ExitCode.ShouldNotBe(0, "the publisher was cut off long before its 60 s");
    }

    private async Task<(string RtmpUrl, string StreamKey)> ReadIngestAsync(string roomId, CancellationToken ct)
    {
        using var http = fixture.Server.CreateHttpClient(await fixture.Server.LoginAsync(ct).Limit());
        var body = await http.GetFromJsonAsync<JsonElement>($"api/rooms/{roomId}/ingest", ct).Limit();
        return (body.GetProperty("rtmpUrl").GetString()!, body.GetProperty("streamKey").GetString()!);
    }

    [Fact]
    public async Task Signing_out_of_the_console_ends_the_session_on_the_server_too()
    {
        // Not the first admin: signing out ends every session of the account, and other tests use the admin's.
        var host = await fixture.Server.CreateStaffAsync("host", TestContext.Current.CancellationToken).Limit();
        await using var staffContext = await fixture.NewContextAsync();
        var page = await staffContext.NewPageAsync().Limit();
        await page.GotoAsync("console");
        await page.GetByLabel("Email").FillAsync(host.Email);
        await page.GetByLabel("Password").FillAsync(host.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        var signOut = page.GetByRole(AriaRole.Button, new() { Name = "Sign out" });
        await Expect(signOut).ToBeVisibleAsync();
        var token = await page.EvaluateAsync<string>("() => JSON.parse(sessionStorage.getItem('liveroom.staff')).accessToken").Limit();
        using var http = fixture.Server.CreateHttpClient(token);
        (await http.GetAsync("api/auth/me", TestContext.Current.CancellationToken).Limit()).StatusCode.ShouldBe(HttpStatusCode.OK);

        var loggedOut = page.WaitForResponseAsync(r => r.Url.EndsWith("/api/auth/logout", StringComparison.Ordinal));
        await signOut.ClickAsync();
        (await loggedOut.Limit()).Status.ShouldBe(204);

        await Expect(page.GetByLabel("Email")).ToBeVisibleAsync();
        (await http.GetAsync("api/auth/me", TestContext.Current.CancellationToken).Limit()).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }
}
