using System.Net;
using System.Net.Http.Json;
using System.Text;
using CsvHelper;
using LiveRoom.Contracts.Common;
using LiveRoom.Contracts.Engagement;
using LiveRoom.Contracts.Leads;
using LiveRoom.Contracts.Wire;
using LiveRoom.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace LiveRoom.Server.Tests.Funnel;

/// <summary>Staff read a room's leads most engaged first, each with the viewer's engagement score (default weights).</summary>
public sealed class LeadScoreTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private LiveRoomTestServer Server => fixture.Server;

    [Fact]
    public async Task LeadsComeMostEngagedFirstWithTheirScoresInJsonAndCsv()
    {
        var room = await Server.CreateRoomAsync("scored").WaitAsync(RoomClient.CallTimeout);
        await using var keen = await RoomClient.JoinAsViewerAsync(Server, room.Id, "Keen");
        await using var chatty = await RoomClient.JoinAsViewerAsync(Server, room.Id, "Chatty");
        await using var quiet = await RoomClient.JoinAsViewerAsync(Server, room.Id, "Quiet");
        await keen.AskAsync("Does it work offline?");
        await keen.SendChatAsync("interesting");
        await chatty.SendChatAsync("hi");
        await chatty.SendChatAsync("hello again");
        // Left in this order, so the newest-first order would be the other way round.
        await LeaveDetailsAsync(room.Id, keen.AccessToken, "Keen");
        await LeaveDetailsAsync(room.Id, chatty.AccessToken, "Chatty");
        await LeaveDetailsAsync(room.Id, quiet.AccessToken, "Quiet");
        await Server.Services.GetRequiredService<IEngagementLog>().FlushAsync().WaitAsync(RoomClient.CallTimeout);
        var staff = await Server.CreateStaffAsync("marketer").WaitAsync(RoomClient.CallTimeout);
        using var marketer = Server.CreateHttpClient(await Server.LoginAsync(staff.Email, staff.Password).WaitAsync(RoomClient.CallTimeout));

        var leads = (await marketer.GetFromJsonAsync<Lead[]>($"api/rooms/{room.Id}/leads", WireFormat.Json).WaitAsync(RoomClient.CallTimeout))!;

        // A question 5 + a chat 2; two chats 2 each; nothing but a few seconds of watching (whole minutes count).
        leads.Select(l => (l.Name, l.Score)).ShouldBe([("Keen", 7.0), ("Chatty", 4.0), ("Quiet", 0.0)]);
        (await marketer.GetFromJsonAsync<Lead[]>($"api/rooms/{room.Id}/leads?limit=1", WireFormat.Json))!.ShouldHaveSingleItem().Name.ShouldBe("Keen", "the cut keeps the most engaged");

        using var request = new HttpRequestMessage(HttpMethod.Get, $"api/rooms/{room.Id}/leads");
        request.Headers.Accept.ParseAdd("text/csv");
        using var response = await marketer.SendAsync(request).WaitAsync(RoomClient.CallTimeout);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        using var csv = CsvReader.FromText(Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3));
        var rows = new List<(string?, string?)>();
        while (csv.Read()) rows.Add((csv.GetString("name"), csv.GetString("score")));
        rows.ShouldBe([("Keen", "7"), ("Chatty", "4"), ("Quiet", "0")]);
    }

    [Fact]
    public async Task ScoresFollowTheConfiguredWeights()
    {
        await using var server = await LiveRoomTestServer.StartAsync(new Dictionary<string, string?>
        {
            ["LiveRoom:Engagement:Weights:Chat"] = "0",
            ["LiveRoom:Engagement:Weights:CardClick"] = "50",
            ["LiveRoom:Engagement:Weights:CallCompleted"] = "100",
        }).WaitAsync(TimeSpan.FromSeconds(60));
        var room = await server.CreateRoomAsync("weighted").WaitAsync(RoomClient.CallTimeout);
        await using var clicker = await RoomClient.JoinAsViewerAsync(server, room.Id, "Clicker");
        await using var talker = await RoomClient.JoinAsViewerAsync(server, room.Id, "Talker");
        await talker.SendChatAsync("a");
        await talker.SendChatAsync("b");
        var grains = server.Services.GetRequiredService<IGrainFactory>();
        await grains.Viewer(room.Id, clicker.ParticipantId).RecordAsync(EngagementKind.CardClick, "card-1").WaitAsync(RoomClient.CallTimeout);
        await grains.Viewer(room.Id, talker.ParticipantId).RecordAsync(EngagementKind.CallCompleted, "call-1").WaitAsync(RoomClient.CallTimeout);
        await LeaveDetailsAsync(server, room.Id, clicker.AccessToken, "Clicker");
        await LeaveDetailsAsync(server, room.Id, talker.AccessToken, "Talker");
        await server.Services.GetRequiredService<IEngagementLog>().FlushAsync().WaitAsync(RoomClient.CallTimeout);
        using var admin = server.CreateHttpClient(await server.LoginAsync().WaitAsync(RoomClient.CallTimeout));

        var leads = (await admin.GetFromJsonAsync<Lead[]>($"api/rooms/{room.Id}/leads", WireFormat.Json).WaitAsync(RoomClient.CallTimeout))!;

        leads.Select(l => (l.Name, l.Score)).ShouldBe([("Talker", 100.0), ("Clicker", 50.0)]);
    }

    private Task LeaveDetailsAsync(string roomId, string accessToken, string name) => LeaveDetailsAsync(Server, roomId, accessToken, name);

    private static async Task LeaveDetailsAsync(LiveRoomTestServer server, string roomId, string accessToken, string name)
    {
        using var client = server.CreateHttpClient(accessToken);
        using var response = await client.PostAsJsonAsync($"api/rooms/{roomId}/leads", new { name, email = $"{name.ToLowerInvariant()}@example.com", consent = true }).WaitAsync(RoomClient.CallTimeout);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }
}
