using LiveRoom.Contracts.Chat;
using LiveRoom.Contracts.Viewers;
using LiveRoom.Testing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveRoom.Server.Tests;

public sealed class ChatTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private LiveRoomTestServer Server => fixture.Server;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task TwoViewersSeeEachOthersChat(bool messagePack)
    {
        var room = await Server.CreateRoomAsync("chat").WaitAsync(RoomClient.CallTimeout);
        await using var alice = await RoomClient.JoinAsViewerAsync(Server, room.Id, "Alice", messagePack);
        await using var bob = await RoomClient.JoinAsViewerAsync(Server, room.Id, "Bob", !messagePack);

        var sent = await alice.SendChatAsync("  hello from Alice  ");
        await bob.SendChatAsync("hi Alice");

        sent.Text.ShouldBe("hello from Alice");
        sent.Sender.DisplayName.ShouldBe("Alice");
        sent.Sender.Role.ShouldBe(ParticipantRole.Viewer);
        foreach (var client in new[] { alice, bob })
        {
            var chat = await client.Chat.WaitForAsync(m => m.Count >= 2, "both messages");
            chat.Select(m => m.Text).ShouldBe(["hello from Alice", "hi Alice"]);
            chat[0].Id.ShouldBe(sent.Id);
        }
    }

    [Fact]
    public async Task ChatTextIsPassedOnExactlyAsTypedAndNeverInterpreted()
    {
        var room = await Server.CreateRoomAsync("plain text").WaitAsync(RoomClient.CallTimeout);
        await using var alice = await RoomClient.JoinAsViewerAsync(Server, room.Id, "<b>Alice</b>");
        await using var bob = await RoomClient.JoinAsViewerAsync(Server, room.Id, "Bob", messagePack: true);
        const string markup = "<img src=x onerror=alert(1)> & <script>alert('x')</script> 你好 👋";

        await alice.SendChatAsync(markup);

        var received = (await bob.Chat.WaitForAsync(m => m.Count >= 1, "the message"))[0];
        received.Text.ShouldBe(markup);
        received.Sender.DisplayName.ShouldBe("<b>Alice</b>");
    }

    [Fact]
    public async Task AMessageOverTheLengthLimitIsRefusedAndOthersCarryOn()
    {
        var room = await Server.CreateRoomAsync("limits").WaitAsync(RoomClient.CallTimeout);
        await using var alice = await RoomClient.JoinAsViewerAsync(Server, room.Id, "Alice");
        await using var bob = await RoomClient.JoinAsViewerAsync(Server, room.Id, "Bob");

        var refused = await Should.ThrowAsync<HubException>(() => alice.SendChatAsync(new string('x', 501)));
        refused.Message.ShouldContain("too long");
        refused.Message.ShouldContain("500");
        await alice.SendChatAsync(new string('y', 500));
        await alice.SendChatAsync("你".PadRight(500, '好'));

        var chat = await bob.Chat.WaitForAsync(m => m.Count >= 2, "the two messages within the limit");
        chat.ShouldAllBe(m => m.Text.Length == 500);
    }

    [Fact]
    public async Task TabsAreOrdinaryWhitespaceAndArriveAsTyped()
    {
        var room = await Server.CreateRoomAsync("tabs").WaitAsync(RoomClient.CallTimeout);
        await using var alice = await RoomClient.JoinAsViewerAsync(Server, room.Id, "Alice");
        await using var bob = await RoomClient.JoinAsViewerAsync(Server, room.Id, "Bob", messagePack: true);

        var sent = await alice.SendChatAsync("model\tprice\nX1\t199");

        sent.Text.ShouldBe("model\tprice\nX1\t199");
        (await bob.Chat.WaitForAsync(m => m.Count >= 1, "the message"))[0].Text.ShouldBe("model\tprice\nX1\t199");
    }

    [Fact]
    public async Task EmptyAndControlCharacterMessagesAreRefused()
    {
        var room = await Server.CreateRoomAsync("invalid text").WaitAsync(RoomClient.CallTimeout);
        await using var alice = await RoomClient.JoinAsViewerAsync(Server, room.Id, "Alice");

        (await Should.ThrowAsync<HubException>(() => alice.SendChatAsync("   "))).Message.ShouldContain("empty");
        (await Should.ThrowAsync<HubException>(() => alice.SendChatAsync("bell\u0007"))).Message.ShouldContain("not allowed");
    }

    [Fact]
    public async Task SendingFasterThanTheRateIsRefusedAfterTheBurst()
    {
        var room = await Server.CreateRoomAsync("rate").WaitAsync(RoomClient.CallTimeout);
        await using var alice = await RoomClient.JoinAsViewerAsync(Server, room.Id, "Alice");
        await using var bob = await RoomClient.JoinAsViewerAsync(Server, room.Id, "Bob");

        for (var i = 0; i < 5; i++) await alice.SendChatAsync($"burst {i}");
        var refused = await Should.ThrowAsync<HubException>(() => alice.SendChatAsync("one too many"));
        refused.Message.ShouldContain("too fast");

        // Bob has his own allowance.
        await bob.SendChatAsync("I can still talk");
        var chat = await bob.Chat.WaitForAsync(m => m.Any(x => x.Text == "I can still talk"), "Bob's message");
        chat.ShouldNotContain(m => m.Text == "one too many");
    }

    [Fact]
    public async Task AMutedViewerIsRefusedUntilUnmuted()
    {
        var room = await Server.CreateRoomAsync("mute").WaitAsync(RoomClient.CallTimeout);
        await using var staff = await RoomClient.JoinAsStaffAsync(Server, room.Id);
        await using var alice = await RoomClient.JoinAsViewerAsync(Server, room.Id, "Alice");

        var muted = await staff.Connection.InvokeAsync<Participant>("MuteViewer", room.Id, alice.ParticipantId, true).WaitAsync(RoomClient.CallTimeout);
        muted.Muted.ShouldBeTrue();
        (await Should.ThrowAsync<HubException>(() => alice.SendChatAsync("can you hear me"))).Message.ShouldContain("muted");
        (await Should.ThrowAsync<HubException>(() => alice.AskAsync("a question"))).Message.ShouldContain("muted");

        await staff.Connection.InvokeAsync<Participant>("MuteViewer", room.Id, alice.ParticipantId, false).WaitAsync(RoomClient.CallTimeout);
        await alice.SendChatAsync("back again");
        await staff.Chat.WaitForAsync(m => m.Any(x => x.Text == "back again"), "the unmuted message");
    }

    [Fact]
    public async Task StaffCanDeleteAMessageAndEveryoneIsTold()
    {
        var room = await Server.CreateRoomAsync("delete").WaitAsync(RoomClient.CallTimeout);
        await using var staff = await RoomClient.JoinAsStaffAsync(Server, room.Id, messagePack: true);
        await using var alice = await RoomClient.JoinAsViewerAsync(Server, room.Id, "Alice");
        await using var bob = await RoomClient.JoinAsViewerAsync(Server, room.Id, "Bob");
        var spam = await alice.SendChatAsync("buy cheap stuff at spam.example");

        await staff.Connection.InvokeAsync("DeleteMessage", room.Id, spam.Id).WaitAsync(RoomClient.CallTimeout);

        await bob.Deleted.WaitForAsync(ids => ids.Contains(spam.Id), "the deletion");
        await using var late = await RoomClient.JoinAsViewerAsync(Server, room.Id, "Late");
        late.Snapshot!.RecentChat.ShouldNotContain(m => m.Id == spam.Id);
    }

    [Fact]
    public async Task StaffMessagesCarryTheStaffRole()
    {
        var room = await Server.CreateRoomAsync("staff chat").WaitAsync(RoomClient.CallTimeout);
        await using var staff = await RoomClient.JoinAsStaffAsync(Server, room.Id);
        await using var alice = await RoomClient.JoinAsViewerAsync(Server, room.Id, "Alice");

        await staff.SendChatAsync("Welcome everyone");

        var message = (await alice.Chat.WaitForAsync(m => m.Count >= 1, "the host's message"))[0];
        message.Sender.Role.ShouldBe(ParticipantRole.Admin);
        message.Sender.DisplayName.ShouldBe("Administrator");
    }

    [Fact]
    public async Task AJoiningViewerGetsTheRecentChatOldestFirst()
    {
        var room = await Server.CreateRoomAsync("history").WaitAsync(RoomClient.CallTimeout);
        await using var alice = await RoomClient.JoinAsViewerAsync(Server, room.Id, "Alice");
        for (var i = 1; i <= 3; i++) await alice.SendChatAsync($"message {i}");

        await using var late = await RoomClient.JoinAsViewerAsync(Server, room.Id, "Late");

        late.Snapshot!.RecentChat.Select(m => m.Text).ShouldBe(["message 1", "message 2", "message 3"]);
        late.Snapshot.Me!.DisplayName.ShouldBe("Late");
        late.Snapshot.Room.Title.ShouldBe("history");
    }

    [Fact]
    public async Task AHubMessageOverTheSizeCapClosesOnlyThatConnection()
    {
        var room = await Server.CreateRoomAsync("size cap").WaitAsync(RoomClient.CallTimeout);
        await using var alice = await RoomClient.JoinAsViewerAsync(Server, room.Id, "Alice");
        await using var bob = await RoomClient.JoinAsViewerAsync(Server, room.Id, "Bob");
        var closed = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        alice.Connection.Closed += error =>
        {
            closed.TrySetResult(error);
            return Task.CompletedTask;
        };

        _ = alice.Connection.InvokeAsync<ChatMessage>("SendChat", room.Id, new string('z', 96 * 1024));

        await closed.Task.WaitAsync(RoomClient.CallTimeout);
        await bob.SendChatAsync("still here");
        await bob.Chat.WaitForAsync(m => m.Any(x => x.Text == "still here"), "Bob's message after Alice was cut off");
    }
}
