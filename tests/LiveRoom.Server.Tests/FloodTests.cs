using System.Diagnostics;
using LiveRoom.Contracts.Common;
using LiveRoom.Testing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveRoom.Server.Tests;

/// <summary>What one anonymous connection can make the server write or keep by calling it wrongly and fast.</summary>
public sealed class FloodTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private static readonly TimeSpan FloodTime = TimeSpan.FromSeconds(5);

    private LiveRoomTestServer Server => fixture.Server;

    [Fact]
    public async Task AConnectionFloodingRefusedCallsWritesABoundedNumberOfLogLinesAndIsClosed()
    {
        var room = await Server.CreateRoomAsync("flooded").WaitAsync(RoomClient.CallTimeout);
        var other = await Server.CreateRoomAsync("elsewhere").WaitAsync(RoomClient.CallTimeout);
        await using var bystander = await RoomClient.JoinAsViewerAsync(Server, room.Id, "Bystander");
        var attacker = await Server.CreateViewerAsync(room.Id, "Flooder").WaitAsync(RoomClient.CallTimeout);
        var linesBefore = Server.Logs.Lines.Count;
        using var timeout = new CancellationTokenSource(FloodTime + TimeSpan.FromSeconds(20));

        await using var socket = await RawHubSocket.ConnectAsync(Server, attacker.AccessToken, timeout.Token);
        var closed = socket.DrainUntilClosedAsync(FloodTime + TimeSpan.FromSeconds(10));
        // Every kind of refusal, about 900 a second: before joining, a staff method, another room's id,
        // a method that does not exist, arguments of the wrong shape.
        string[][] calls =
        [
            ["SendChat", $"[\"{room.Id}\",\"hi\"]"],
            ["DeleteMessage", $"[\"{room.Id}\",\"m_1\"]"],
            ["JoinRoom", $"[\"{other.Id}\"]"],
            ["NoSuchMethod", "[1,2,3]"],
            ["SendChat", "[{\"a\":1}]"],
        ];
        var sent = 0;
        var clock = Stopwatch.StartNew();
        try
        {
            while (clock.Elapsed < FloodTime && socket.State == System.Net.WebSockets.WebSocketState.Open)
            {
                var call = calls[sent % calls.Length];
                await socket.InvokeAsync(call[0], call[1], timeout.Token);
                sent++;
                if (sent % 90 == 0) await Task.Delay(100, timeout.Token);
            }
        }
        catch (System.Net.WebSockets.WebSocketException)
        {
            // The server closed the connection under us: what the test wants to see.
        }

        (await closed).ShouldBeTrue($"the server kept a connection open that sent {sent} refused calls");
        var lines = Server.Logs.Lines.Skip(linesBefore).ToList();
        var flooderLines = lines.Where(l => l.Contains(attacker.ViewerId, StringComparison.Ordinal) || l.Contains("SignalR", StringComparison.Ordinal)).ToList();
        // Ten refusal lines, the line saying it was closed, and the summary of the rest.
        flooderLines.Count.ShouldBeLessThanOrEqualTo(12, string.Join(Environment.NewLine, flooderLines.Take(40)));
        flooderLines.ShouldNotContain(l => l.Contains("   at ", StringComparison.Ordinal), "refusals are not errors: no stack traces");
        flooderLines.ShouldContain(l => l.Contains("closed", StringComparison.Ordinal) && l.Contains(attacker.ViewerId, StringComparison.Ordinal));

        // Nobody else noticed.
        await bystander.SendChatAsync("still here");
        await bystander.Chat.WaitForAsync(m => m.Any(x => x.Text == "still here"), "the bystander's own message");
    }

    [Fact]
    public async Task CallsOfMethodsThatDoNotExistAreRefusedAndCountedLikeOtherRefusals()
    {
        var room = await Server.CreateRoomAsync("unbound").WaitAsync(RoomClient.CallTimeout);
        await using var viewer = await RoomClient.JoinAsViewerAsync(Server, room.Id, "Curious");

        var unknown = await Should.ThrowAsync<HubException>(() => viewer.Connection.InvokeCoreAsync("NoSuchMethod", typeof(object), [1, 2]).WaitAsync(RoomClient.CallTimeout));
        var wrongShape = await Should.ThrowAsync<HubException>(() => viewer.Connection.InvokeCoreAsync("SendChat", typeof(object), [room.Id]).WaitAsync(RoomClient.CallTimeout));

        unknown.Message.ShouldContain("no such method");
        wrongShape.Message.ShouldContain("no such method");
        Server.Logs.Lines.ShouldContain(l => l.Contains("no hub method NoSuchMethod", StringComparison.Ordinal) && l.Contains(viewer.ParticipantId, StringComparison.Ordinal));
        (await viewer.SendChatAsync("the connection still works")).Text.ShouldBe("the connection still works");
    }

    [Fact]
    public async Task RefusalsBeyondTheLogBudgetAreSummedUpInOneLineWhenTheConnectionCloses()
    {
        var room = await Server.CreateRoomAsync("summed up").WaitAsync(RoomClient.CallTimeout);
        var viewer = await RoomClient.JoinAsViewerAsync(Server, room.Id, "Clumsy");
        var linesBefore = Server.Logs.Lines.Count;

        // 40 refusals, slower than the call rate limit and fewer than would close the connection.
        for (var i = 0; i < 40; i++)
        {
            await Should.ThrowAsync<HubException>(() => viewer.Connection.InvokeAsync<object>("PinQuestion", room.Id, "q_missing", true).WaitAsync(RoomClient.CallTimeout));
        }

        await viewer.DisposeAsync();
        await Server.Logs.WaitForAsync(l => l.Contains(viewer.ParticipantId, StringComparison.Ordinal) && l.Contains("30 more refused calls not logged", StringComparison.Ordinal), "the summary line");
        var about = Server.Logs.Lines.Skip(linesBefore).Where(l => l.Contains(viewer.ParticipantId, StringComparison.Ordinal)).ToList();
        about.Count.ShouldBe(11, string.Join(Environment.NewLine, about));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ARefusedCallIsPrecededByARefusedEventWithItsStableCode(bool messagePack)
    {
        var room = await Server.CreateRoomAsync("codes").WaitAsync(RoomClient.CallTimeout);
        var identity = await Server.CreateViewerAsync(room.Id, "Coded").WaitAsync(RoomClient.CallTimeout);
        await using var viewer = await RoomClient.ConnectAsync(Server, room.Id, identity.ViewerId, identity.AccessToken, messagePack, join: false);
        var notices = new Inbox<RefusalNotice>("refused");
        viewer.Connection.On<RefusalNotice>("refused", n => notices.Add([n]));

        var error = await Should.ThrowAsync<HubException>(() => viewer.SendChatAsync("before joining"));
        await Should.ThrowAsync<HubException>(() => viewer.Connection.InvokeCoreAsync("NoSuchMethod", typeof(object), []).WaitAsync(RoomClient.CallTimeout));

        // Each notice is written before its call's error on the same connection (a browser sees it first; the
        // .NET client may run event handlers after it completed the call).
        await notices.WaitForAsync(n => n.Count >= 2, "two refusal notices");
        notices.Items[0].ShouldBe(new RefusalNotice("SendChat", "not_allowed", "Join the room first."));
        error.Message.ShouldContain("Join the room first.");
        notices.Items[1].Method.ShouldBe("NoSuchMethod");
        notices.Items[1].Code.ShouldBe("unknown_method");
    }
}
