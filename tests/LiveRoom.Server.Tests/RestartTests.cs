using System.Net.Http.Json;
using LiveRoom.Contracts.Moderation;
using LiveRoom.Contracts.Viewers;
using LiveRoom.Testing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveRoom.Server.Tests;

public sealed class RestartTests
{
    [Fact]
    public async Task RoomsChatQuestionsVotesAndSignInsSurviveARestart()
    {
        var data = Path.Combine(Path.GetTempPath(), "liveroom-tests", "restart-" + Guid.NewGuid().ToString("N"));
        try
        {
            TestRoom room;
            TestViewer alice;
            string questionId;
            string agentEmail = $"agent-{Guid.NewGuid():N}@test.liveroom";
            await using (var first = await LiveRoomTestServer.StartAsync(dataDirectory: data).WaitAsync(TimeSpan.FromSeconds(60)))
            {
                room = await first.CreateRoomAsync("survives").WaitAsync(RoomClient.CallTimeout);
                using (var admin = first.CreateHttpClient(await first.LoginAsync()))
                {
                    (await admin.PostAsJsonAsync("api/staff", new { email = agentEmail, displayName = "Agent", password = "agent-password-1", role = "agent" })).EnsureSuccessStatusCode();
                }

                alice = await first.CreateViewerAsync(room.Id, "Alice").WaitAsync(RoomClient.CallTimeout);
                await using var aliceClient = await RoomClient.ConnectAsync(first, room.Id, alice.ViewerId, alice.AccessToken, messagePack: false, join: true);
                await using var bob = await RoomClient.JoinAsViewerAsync(first, room.Id, "Bob");
                await aliceClient.SendChatAsync("before the restart");
                await bob.SendChatAsync("me too");
                questionId = (await bob.AskAsync("Will this survive?")).Id;
                await aliceClient.UpvoteAsync(questionId);
            }

            await using var second = await LiveRoomTestServer.StartAsync(dataDirectory: data).WaitAsync(TimeSpan.FromSeconds(60));
            await second.LoginAsync(agentEmail, "agent-password-1").WaitAsync(RoomClient.CallTimeout);
            await using var again = await RoomClient.ConnectAsync(second, room.Id, alice.ViewerId, alice.AccessToken, messagePack: true, join: true);

            again.Snapshot!.Room.Title.ShouldBe("survives");
            again.Snapshot.RecentChat.Select(m => m.Text).ShouldBe(["before the restart", "me too"]);
            again.Snapshot.Questions.Single().Votes.ShouldBe(1);
            (await Should.ThrowAsync<HubException>(() => again.UpvoteAsync(questionId))).Message.ShouldContain("already upvoted");
            var next = await again.SendChatAsync("after the restart");
            int.Parse(next.Id, System.Globalization.CultureInfo.InvariantCulture).ShouldBe(3, "message ids continue where they stopped");
            using var admin2 = second.CreateHttpClient(await second.LoginAsync());
            (await admin2.GetStringAsync("api/rooms")).ShouldContain(room.Id);
        }
        finally
        {
            try
            {
                Directory.Delete(data, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    [Fact]
    public async Task AddressBansAndTheNewViewerWaitSurviveARestart()
    {
        var data = Path.Combine(Path.GetTempPath(), "liveroom-tests", "restart-" + Guid.NewGuid().ToString("N"));
        var banned = System.Net.IPAddress.Parse("127.0.0.5");
        try
        {
            TestRoom room;
            await using (var first = await LiveRoomTestServer.StartAsync(dataDirectory: data).WaitAsync(TimeSpan.FromSeconds(60)))
            {
                room = await first.CreateRoomAsync("bans survive").WaitAsync(RoomClient.CallTimeout);
                await using var staff = await RoomClient.JoinAsStaffAsync(first, room.Id);
                using var trollHttp = first.CreateHttpClientFrom(banned);
                using var created = await trollHttp.PostAsJsonAsync($"api/rooms/{room.Id}/viewers", new { displayName = "Troll" }).WaitAsync(RoomClient.CallTimeout);
                var trollId = (await created.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("viewerId").GetString();
                await staff.Connection.InvokeAsync<Participant>("BanViewer", room.Id, trollId, true).WaitAsync(RoomClient.CallTimeout);
                await staff.Connection.InvokeAsync<ModerationSettings>("SetNewViewerDelay", room.Id, 30).WaitAsync(RoomClient.CallTimeout);
            }

            await using var second = await LiveRoomTestServer.StartAsync(dataDirectory: data).WaitAsync(TimeSpan.FromSeconds(60));
            using var again = second.CreateHttpClientFrom(banned);
            using var refused = await again.PostAsJsonAsync($"api/rooms/{room.Id}/viewers", new { displayName = "Troll again" }).WaitAsync(RoomClient.CallTimeout);
            refused.StatusCode.ShouldBe(System.Net.HttpStatusCode.Forbidden);
            await using var newcomer = await RoomClient.JoinAsViewerAsync(second, room.Id, "Newcomer");
            (await Should.ThrowAsync<HubException>(() => newcomer.SendChatAsync("hello"))).Message.ShouldContain("New here");
        }
        finally
        {
            try
            {
                Directory.Delete(data, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    [Fact]
    public async Task LiveFilesOfEndedRoomsLeftByAnEarlierRunAreDeletedAtStart()
    {
        var data = Path.Combine(Path.GetTempPath(), "liveroom-tests", "restart-" + Guid.NewGuid().ToString("N"));
        try
        {
            TestRoom ended, scheduled;
            await using (var first = await LiveRoomTestServer.StartAsync(dataDirectory: data).WaitAsync(TimeSpan.FromSeconds(60)))
            {
                ended = await first.CreateRoomAsync("over").WaitAsync(RoomClient.CallTimeout);
                scheduled = await first.CreateRoomAsync("later").WaitAsync(RoomClient.CallTimeout);
                using var admin = first.CreateHttpClient(await first.LoginAsync());
                (await admin.PostAsync($"api/rooms/{ended.Id}/end", null)).EnsureSuccessStatusCode();
            }

            var endedLive = Directory.CreateDirectory(Path.Combine(data, "live", ended.Id)).FullName;
            await File.WriteAllTextAsync(Path.Combine(endedLive, "master.m3u8"), "#EXTM3U\n");
            var scheduledLive = Directory.CreateDirectory(Path.Combine(data, "live", scheduled.Id)).FullName;
            var archive = Directory.CreateDirectory(Path.Combine(data, "archive", ended.Id)).FullName;
            await File.WriteAllBytesAsync(Path.Combine(archive, "kept.flv"), [.. "FLV"u8, 1, 5, 0, 0, 0, 9, 0, 0, 0, 0]);

            await using var second = await LiveRoomTestServer.StartAsync(dataDirectory: data).WaitAsync(TimeSpan.FromSeconds(60));

            var deadline = System.Diagnostics.Stopwatch.StartNew();
            while (Directory.Exists(endedLive) && deadline.Elapsed < TimeSpan.FromSeconds(10)) await Task.Delay(100);
            Directory.Exists(endedLive).ShouldBeFalse("an ended room's live files are not served: they go");
            Directory.Exists(scheduledLive).ShouldBeTrue("a room that may go live keeps its folder");
            File.Exists(Path.Combine(archive, "kept.flv")).ShouldBeTrue("an archive goes only once a recording is stored");
        }
        finally
        {
            try
            {
                Directory.Delete(data, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
