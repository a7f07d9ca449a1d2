using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LiveRoom.Testing;
using Microsoft.AspNetCore.SignalR;

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
    public async Task AnOfficeBehindOneAddressGetsInAtOnceAndAFloodBeyondTheBucketWaits()
    {
        await using var server = await LiveRoomTestServer.StartAsync(new Dictionary<string, string?>
        {
            ["LiveRoom:RateLimits:ViewerIdentitiesPerMinute"] = "120",
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
        HttpResponseMessage? refused = null;
        for (var i = 0; i < 10 && refused is null; i++)
        {
            var response = await http.PostAsJsonAsync($"api/rooms/{room.Id}/viewers", new { displayName = "One too many" }).WaitAsync(RoomClient.CallTimeout);
            if (response.StatusCode == HttpStatusCode.TooManyRequests) refused = response;
            else response.Dispose();
        }

        refused.ShouldNotBeNull("a flood beyond the bucket is refused");
        using (refused)
        {
            refused.Headers.RetryAfter?.Delta.ShouldNotBeNull();
            refused.Headers.RetryAfter!.Delta!.Value.ShouldBeInRange(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));
            using var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync());
            problem.RootElement.GetProperty("code").GetString().ShouldBe("too_fast");
        }

        using var elsewhere = await http.PostAsJsonAsync($"api/rooms/{other.Id}/viewers", new { displayName = "Clerk" }).WaitAsync(RoomClient.CallTimeout);
        elsewhere.StatusCode.ShouldBe(HttpStatusCode.Created, "each room has its own bucket");
    }

    private async Task<int> ViewerCountAsync(string roomId)
    {
        using var http = Server.CreateHttpClient();
        using var body = JsonDocument.Parse(await http.GetStringAsync($"api/rooms/{roomId}").WaitAsync(RoomClient.CallTimeout));
        return body.RootElement.GetProperty("viewerCount").GetInt32();
    }
}
