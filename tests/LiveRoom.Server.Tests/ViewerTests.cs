using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LiveRoom.Contracts.Moderation;
using LiveRoom.Contracts.Viewers;
using LiveRoom.Testing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveRoom.Server.Tests;

/// <summary>Viewer identities: counting people rather than connections, and what one identity may hold.</summary>
public sealed class ViewerTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private LiveRoomTestServer Server => fixture.Server;

    [Fact]
    public async Task TenConnectionsOfOneIdentityCountAsOneViewerAndTheSixthIsRefused()
    {
        var room = await Server.CreateRoomAsync("one person, many tabs").WaitAsync(RoomClient.CallTimeout);
        var viewer = await Server.CreateViewerAsync(room.Id, "Tabby").WaitAsync(RoomClient.CallTimeout);
        var tabs = new List<RoomClient>();
        try
        {
            var refusals = new List<HubException>();
            for (var i = 0; i < 10; i++)
            {
                var tab = await RoomClient.ConnectAsync(Server, room.Id, viewer.ViewerId, viewer.AccessToken, messagePack: i % 2 == 1, join: false);
                tabs.Add(tab);
                try
                {
                    await tab.JoinAsync();
                }
                catch (HubException refused)
                {
                    refusals.Add(refused);
                }
            }

            refusals.Count.ShouldBe(5, "five connections (tabs) are allowed, the sixth to the tenth are refused");
            refusals.ShouldAllBe(r => r.Message.Contains("at most 5"));
            tabs[4].Snapshot.ShouldNotBeNull();
            tabs[5].Snapshot.ShouldBeNull();

            await using var other = await RoomClient.JoinAsViewerAsync(Server, room.Id, "Other");
            await other.SendChatAsync("I got in");
            await other.Viewers.WaitForAsync(v => v.Count > 0 && v[^1] == 2, "two people in the room");
            (await ViewerCountAsync(room.Id)).ShouldBe(2, "ten connections of one identity and one of another are two people");

            // Closing a tab frees its slot for the next one.
            await tabs[0].DisposeAsync();
            tabs.RemoveAt(0);
            await using var late = await RoomClient.ConnectAsync(Server, room.Id, viewer.ViewerId, viewer.AccessToken, messagePack: false, join: true);
            late.Snapshot.ShouldNotBeNull();
            (await ViewerCountAsync(room.Id)).ShouldBe(2);
        }
        finally
        {
            foreach (var tab in tabs) await tab.DisposeAsync();
        }
    }

    [Fact]
    public async Task ConnectionsOfOneIdentityBeyondTheOpenCapAreClosedAndTheRestStay()
    {
        var room = await Server.CreateRoomAsync("connection flood").WaitAsync(RoomClient.CallTimeout);
        var viewer = await Server.CreateViewerAsync(room.Id, "Flooder").WaitAsync(RoomClient.CallTimeout);
        var connections = new List<RoomClient>();
        try
        {
            for (var i = 0; i < 12; i++) connections.Add(await RoomClient.ConnectAsync(Server, room.Id, viewer.ViewerId, viewer.AccessToken, messagePack: false, join: false));

            var closed = connections.Skip(10).Select(c => ClosedAsync(c.Connection)).ToArray();
            await Task.WhenAll(closed).WaitAsync(RoomClient.CallTimeout);
            connections.Take(10).ShouldAllBe(c => c.Connection.State == HubConnectionState.Connected, "ten connections of one identity may stay open");
            Server.Logs.Lines.Where(l => l.Contains(viewer.ViewerId, StringComparison.Ordinal)).ShouldAllBe(l => l.StartsWith("Information", StringComparison.Ordinal), "an expected refusal is not an error");
            Server.Logs.Lines.Count(l => l.Contains("[2010]", StringComparison.Ordinal) && l.Contains(viewer.ViewerId, StringComparison.Ordinal)).ShouldBe(2);
            await connections[0].JoinAsync();
            await using var other = await RoomClient.JoinAsViewerAsync(Server, room.Id, "Someone else");
            await other.SendChatAsync("unaffected");
        }
        finally
        {
            foreach (var connection in connections) await connection.DisposeAsync();
        }
    }

    [Fact]
    public async Task ConnectionsBeyondTheOpenCapWriteABoundedNumberOfLines()
    {
        // A server of its own: the budget of lines is the server's, and this test spends it.
        await using var server = await LiveRoomTestServer.StartAsync().WaitAsync(TimeSpan.FromSeconds(60));
        var room = await server.CreateRoomAsync("connection flood").WaitAsync(RoomClient.CallTimeout);
        var viewer = await server.CreateViewerAsync(room.Id, "Flooder").WaitAsync(RoomClient.CallTimeout);
        var connections = new List<RoomClient>();
        try
        {
            for (var i = 0; i < 40; i++) connections.Add(await RoomClient.ConnectAsync(server, room.Id, viewer.ViewerId, viewer.AccessToken, messagePack: false, join: false));

            await Task.WhenAll(connections.Skip(10).Select(c => ClosedAsync(c.Connection))).WaitAsync(RoomClient.CallTimeout);
            server.Logs.Lines.Count(l => l.Contains("[2010]", StringComparison.Ordinal)).ShouldBe(20, "30 connections closed, 20 lines a minute");
        }
        finally
        {
            foreach (var connection in connections) await connection.DisposeAsync();
        }
    }

    /// <summary>Completes when the server closes <paramref name="connection"/> (at once if it is closed already).</summary>
    private static Task ClosedAsync(HubConnection connection)
    {
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.Closed += _ =>
        {
            closed.TrySetResult();
            return Task.CompletedTask;
        };
        if (connection.State == HubConnectionState.Disconnected) closed.TrySetResult();
        return closed.Task;
    }

    [Fact]
    public async Task AnOfficeBehindOneAddressGetsInAtOnceAndAFloodBeyondTheBucketWaits()
    {
        await using var server = await LiveRoomTestServer.StartAsync(new Dictionary<string, string?>
        {
            ["LiveRoom:RateLimits:ViewerIdentitiesPerMinute"] = "1",
            ["LiveRoom:RateLimits:ViewerIdentityBurst"] = "300",
        }).WaitAsync(TimeSpan.FromSeconds(60));
        var room = await server.CreateRoomAsync("office").WaitAsync(RoomClient.CallTimeout);
        var other = await server.CreateRoomAsync("another room").WaitAsync(RoomClient.CallTimeout);
        using var http = server.CreateHttpClient();
        var started = Stopwatch.StartNew();

        var statuses = new ConcurrentBag<HttpStatusCode>();
        await Parallel.ForEachAsync(Enumerable.Range(0, 300), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, ct) =>
        {
            using var response = await http.PostAsJsonAsync($"api/rooms/{room.Id}/viewers", new { displayName = $"Clerk {i}" }, ct);
            statuses.Add(response.StatusCode);
        }).WaitAsync(TimeSpan.FromSeconds(60));

        statuses.ShouldAllBe(s => s == HttpStatusCode.Created, "300 people from one address get in at once");
        started.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(30));
        // The bucket refills slowly here (one a minute), so the next one is beyond it.
        using var refused = await http.PostAsJsonAsync($"api/rooms/{room.Id}/viewers", new { displayName = "One too many" }).WaitAsync(RoomClient.CallTimeout);

        refused.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests, "a flood beyond the bucket is refused");
        refused.Headers.RetryAfter?.Delta.ShouldNotBeNull();
        refused.Headers.RetryAfter!.Delta!.Value.ShouldBeInRange(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60), "one token comes back within the minute");
        using var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync());
        problem.RootElement.GetProperty("code").GetString().ShouldBe("too_fast");

        using var elsewhere = await http.PostAsJsonAsync($"api/rooms/{other.Id}/viewers", new { displayName = "Clerk" }).WaitAsync(RoomClient.CallTimeout);
        elsewhere.StatusCode.ShouldBe(HttpStatusCode.Created, "each room has its own bucket");
    }

    [Fact]
    public async Task ABannedViewersAddressGetsNoNewIdentityAndCannotJoinWhileOthersCarryOn()
    {
        var room = await Server.CreateRoomAsync("bans").WaitAsync(RoomClient.CallTimeout);
        var otherRoom = await Server.CreateRoomAsync("elsewhere").WaitAsync(RoomClient.CallTimeout);
        var trollAddress = IPAddress.Parse("127.0.0.2");
        var bystanderAddress = IPAddress.Parse("127.0.0.3");
        using var trollHttp = Server.CreateHttpClientFrom(trollAddress);
        await using var staff = await RoomClient.JoinAsStaffAsync(Server, room.Id);
        var troll = await CreateViewerAsync(room.Id, "Troll", trollAddress);
        await using var trollTab = await RoomClient.ConnectFromAsync(Server, trollAddress, room.Id, troll, join: true);
        var bystander = await CreateViewerAsync(room.Id, "Bystander", bystanderAddress);
        await using var bystanderTab = await RoomClient.ConnectFromAsync(Server, bystanderAddress, room.Id, bystander, join: true);
        await trollTab.SendChatAsync("spam");

        var banned = await staff.Connection.InvokeAsync<Participant>("BanViewer", room.Id, troll.ViewerId, true).WaitAsync(RoomClient.CallTimeout);

        banned.Banned.ShouldBeTrue();
        (await Should.ThrowAsync<HubException>(() => trollTab.SendChatAsync("spam again"))).Message.ShouldContain("removed");
        using (var again = await trollHttp.PostAsJsonAsync($"api/rooms/{room.Id}/viewers", new { displayName = "Not a troll" }).WaitAsync(RoomClient.CallTimeout))
        {
            again.StatusCode.ShouldBe(HttpStatusCode.Forbidden, "a banned address gets no new identity for the room");
            using var problem = JsonDocument.Parse(await again.Content.ReadAsStringAsync());
            problem.RootElement.GetProperty("code").GetString().ShouldBe("banned");
        }

        // An identity issued elsewhere cannot be used from the banned address either.
        var smuggled = await CreateViewerAsync(room.Id, "Smuggled", bystanderAddress);
        await using var smuggledTab = await RoomClient.ConnectFromAsync(Server, trollAddress, room.Id, smuggled, join: false);
        (await Should.ThrowAsync<HubException>(() => smuggledTab.JoinAsync())).Message.ShouldContain("address");

        await bystanderTab.SendChatAsync("still here");
        await CreateViewerAsync(room.Id, "Another bystander", bystanderAddress);
        await CreateViewerAsync(otherRoom.Id, "Troll in another room", trollAddress);
        var lifted = await staff.Connection.InvokeAsync<Participant>("BanViewer", room.Id, troll.ViewerId, false).WaitAsync(RoomClient.CallTimeout);
        lifted.Banned.ShouldBeFalse();
        await CreateViewerAsync(room.Id, "Forgiven", trollAddress);
        await trollTab.SendChatAsync("sorry");
    }

    [Fact]
    public async Task ARoomCanMakeNewIdentitiesWaitBeforeTheirFirstMessage()
    {
        var room = await Server.CreateRoomAsync("new here").WaitAsync(RoomClient.CallTimeout);
        await using var staff = await RoomClient.JoinAsStaffAsync(Server, room.Id);
        await using var newcomer = await RoomClient.JoinAsViewerAsync(Server, room.Id, "Newcomer");
        await newcomer.SendChatAsync("allowed while the wait is off (the default)");

        var settings = await staff.Connection.InvokeAsync<ModerationSettings>("SetNewViewerDelay", room.Id, 600).WaitAsync(RoomClient.CallTimeout);

        settings.NewViewerDelaySeconds.ShouldBe(600);
        var refused = await Should.ThrowAsync<HubException>(() => newcomer.SendChatAsync("hello?"));
        refused.Message.ShouldContain("New here");
        refused.Message.ShouldMatch(@"in (59\d|600) seconds");
        await Should.ThrowAsync<HubException>(() => newcomer.AskAsync("a question?"));
        await staff.SendChatAsync("staff are not new here");
        await Should.ThrowAsync<HubException>(() => newcomer.Connection.InvokeAsync<ModerationSettings>("SetNewViewerDelay", room.Id, 0).WaitAsync(RoomClient.CallTimeout));
        (await staff.Connection.InvokeAsync<ModerationSettings>("GetModeration", room.Id).WaitAsync(RoomClient.CallTimeout)).NewViewerDelaySeconds.ShouldBe(600);

        await staff.Connection.InvokeAsync<ModerationSettings>("SetNewViewerDelay", room.Id, 0).WaitAsync(RoomClient.CallTimeout);
        await newcomer.SendChatAsync("the wait is off again");
    }

    [Fact]
    public async Task AReconnectingViewerReadsEverythingAfterTheLastMessageItSawBeyondTheSnapshot()
    {
        await using var server = await LiveRoomTestServer.StartAsync(new Dictionary<string, string?>
        {
            ["LiveRoom:Chat:MessagesPerSecond"] = "10000",
            ["LiveRoom:Chat:Burst"] = "10000",
            ["LiveRoom:Hub:CallsPerSecond"] = "10000",
            ["LiveRoom:Hub:CallBurst"] = "10000",
        }).WaitAsync(TimeSpan.FromSeconds(60));
        var room = await server.CreateRoomAsync("busy room").WaitAsync(RoomClient.CallTimeout);
        await using var talker = await RoomClient.JoinAsViewerAsync(server, room.Id, "Talker");
        for (var i = 1; i <= 600; i++) await talker.SendChatAsync($"line {i}");
        await using var returning = await RoomClient.JoinAsViewerAsync(server, room.Id, "Back again");
        using var http = server.CreateHttpClient();
        var lastSeen = (await http.GetFromJsonAsync<JsonElement>($"api/rooms/{room.Id}/chat?limit=50").WaitAsync(RoomClient.CallTimeout))[49].GetProperty("id").GetString();

        var missed = await http.GetFromJsonAsync<JsonElement>($"api/rooms/{room.Id}/chat?after={lastSeen}&limit=1000").WaitAsync(RoomClient.CallTimeout);

        returning.Snapshot!.RecentChat.Count.ShouldBe(100, "the join snapshot holds only the last 100");
        returning.Snapshot.RecentChat[0].Text.ShouldBe("line 501");
        var texts = missed.EnumerateArray().Select(m => m.GetProperty("text").GetString()).ToArray();
        texts.Length.ShouldBe(550, "everything after the last message seen, up to 1,000 in one page");
        texts[0].ShouldBe("line 51");
        texts[^1].ShouldBe("line 600");
        var capped = await http.GetFromJsonAsync<JsonElement>($"api/rooms/{room.Id}/chat?after=0&limit=5000").WaitAsync(RoomClient.CallTimeout);
        capped.GetArrayLength().ShouldBe(600);
    }

    [Theory]
    [InlineData("203.0.113.7", "203.0.113.7")]
    [InlineData("::ffff:203.0.113.7", "203.0.113.7")]
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:2::/64")]
    [InlineData("::1", "::/64")]
    public void AClientNetworkIsAnIPv4AddressOrAnIPv6Slash64(string address, string network) =>
        Viewers.ClientAddress.Of(IPAddress.Parse(address)).ShouldBe(network);

    private Task<TestViewer> CreateViewerAsync(string roomId, string displayName, IPAddress from) =>
        Server.CreateViewerAsync(roomId, displayName, TestContext.Current.CancellationToken, from).WaitAsync(RoomClient.CallTimeout);

    private async Task<int> ViewerCountAsync(string roomId)
    {
        using var http = Server.CreateHttpClient();
        using var body = JsonDocument.Parse(await http.GetStringAsync($"api/rooms/{roomId}").WaitAsync(RoomClient.CallTimeout));
        return body.RootElement.GetProperty("viewerCount").GetInt32();
    }
}
