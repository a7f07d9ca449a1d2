using System.Net.Http.Json;
using LiveRoom.Contracts.Calls;
using LiveRoom.Contracts.Wire;
using LiveRoom.Testing;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveRoom.Server.Tests.Calls;

/// <summary>What survives a restart of the server, and what a participant who does not come back costs.</summary>
public sealed class CallRestartTests
{
    [Fact]
    public async Task WaitingViewersGetTheirPlacesBackAfterARestartAndTheHistoryIsKept()
    {
        var data = Path.Combine(Path.GetTempPath(), "liveroom-tests", "call-restart-" + Guid.NewGuid().ToString("N"));
        try
        {
            TestRoom room;
            TestViewer first, second;
            string agentEmail = $"agent-{Guid.NewGuid():N}@test.liveroom", agentPassword = "agent-password-1";
            string callId, secondTicket;
            await using (var server = await LiveRoomTestServer.StartAsync(dataDirectory: data).WaitAsync(TimeSpan.FromSeconds(60)))
            {
                room = await server.CreateRoomAsync("queue survives").WaitAsync(RoomClient.CallTimeout);
                using (var admin = server.CreateHttpClient(await server.LoginAsync()))
                {
                    (await admin.PostAsJsonAsync("api/staff", new { email = agentEmail, displayName = "Agent", password = agentPassword, role = "agent" })).EnsureSuccessStatusCode();
                }

                await using var agent = await AgentAsync(server, room.Id, agentEmail, agentPassword);
                await using var done = await RoomClient.JoinAsViewerAsync(server, room.Id, "Done");
                var doneTicket = await done.Connection.InvokeAsync<CallTicket>("RequestCall", room.Id, null).WaitAsync(RoomClient.CallTimeout);
                callId = (await agent.Connection.InvokeAsync<CallInfo>("AcceptCall", room.Id, doneTicket.TicketId).WaitAsync(RoomClient.CallTimeout)).CallId;
                first = await server.CreateViewerAsync(room.Id, "First").WaitAsync(RoomClient.CallTimeout);
                second = await server.CreateViewerAsync(room.Id, "Second").WaitAsync(RoomClient.CallTimeout);
                await using var firstClient = await RoomClient.ConnectAsync(server, room.Id, first.ViewerId, first.AccessToken, messagePack: false, join: true);
                await using var secondClient = await RoomClient.ConnectAsync(server, room.Id, second.ViewerId, second.AccessToken, messagePack: false, join: true);
                await firstClient.Connection.InvokeAsync<CallTicket>("RequestCall", room.Id, "first").WaitAsync(RoomClient.CallTimeout);
                secondTicket = (await secondClient.Connection.InvokeAsync<CallTicket>("RequestCall", room.Id, "second").WaitAsync(RoomClient.CallTimeout)).TicketId;
                await agent.Connection.InvokeAsync("EndCall", callId).WaitAsync(RoomClient.CallTimeout);
                await done.Calls.Ended.WaitForAsync(e => e.Count > 0, "the first call's end");
            }

            await using var restarted = await LiveRoomTestServer.StartAsync(dataDirectory: data).WaitAsync(TimeSpan.FromSeconds(60));
            await using var secondAgain = await RoomClient.ConnectAsync(restarted, room.Id, second.ViewerId, second.AccessToken, messagePack: true, join: true);
            var ticket = await secondAgain.Connection.InvokeAsync<CallTicket>("RequestCall", room.Id, null).WaitAsync(RoomClient.CallTimeout);

            ticket.TicketId.ShouldBe(secondTicket, "the same ticket, not a new one at the back");
            ticket.Position.ShouldBe(2);
            await using var agentAgain = await AgentAsync(restarted, room.Id, agentEmail, agentPassword);
            var entries = await agentAgain.Connection.InvokeAsync<QueueEntry[]>("WatchQueue", room.Id).WaitAsync(RoomClient.CallTimeout);
            entries.Select(e => e.Topic).ShouldBe(["first", "second"]);
            using var staff = restarted.CreateHttpClient(agentAgain.AccessToken);
            var history = await staff.GetFromJsonAsync<CallRecord>($"api/calls/{callId}", WireFormat.Json).WaitAsync(RoomClient.CallTimeout);
            history!.Outcome.ShouldBe(CallEndReasons.Hangup);
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
    public async Task AParticipantWhoDoesNotComeBackWithinTheGracePeriodEndsTheCallAsLost()
    {
        await using var server = await LiveRoomTestServer.StartAsync(new Dictionary<string, string?> { ["LiveRoom:Calls:ReconnectGraceSeconds"] = "2" }).WaitAsync(TimeSpan.FromSeconds(60));
        var room = await server.CreateRoomAsync("lost").WaitAsync(RoomClient.CallTimeout);
        var staff = await server.CreateStaffAsync("agent").WaitAsync(RoomClient.CallTimeout);
        await using var agent = await AgentAsync(server, room.Id, staff.Email, staff.Password);
        var viewer = await RoomClient.JoinAsViewerAsync(server, room.Id, "Gone");
        var ticket = await viewer.Connection.InvokeAsync<CallTicket>("RequestCall", room.Id, null).WaitAsync(RoomClient.CallTimeout);
        var call = await agent.Connection.InvokeAsync<CallInfo>("AcceptCall", room.Id, ticket.TicketId).WaitAsync(RoomClient.CallTimeout);
        await viewer.Calls.Started.WaitForAsync(c => c.Count > 0, "the call on the viewer's side");
        // The viewer's page signals once (its answer), which ties the call to its connection.
        await viewer.Connection.InvokeAsync("SendSignal", call.CallId, new SignalMessage("media", """{"audio":true,"video":true,"screen":false}""")).WaitAsync(RoomClient.CallTimeout);

        await viewer.DisposeAsync();

        var ended = (await agent.Calls.Ended.WaitForAsync(e => e.Count > 0, "the call ending as lost", TimeSpan.FromSeconds(20)))[0];
        ended.Reason.ShouldBe(CallEndReasons.Lost);
        var status = await agent.Calls.AgentStatuses.WaitForAsync(s => s.Any(x => x.ActiveCalls == 0), "the agent free again");
        status.ShouldNotBeEmpty();
    }

    private static async Task<RoomClient> AgentAsync(LiveRoomTestServer server, string roomId, string email, string password)
    {
        var token = await server.LoginAsync(email, password).WaitAsync(RoomClient.CallTimeout);
        var agent = await RoomClient.ConnectAsync(server, roomId, "agent", token, messagePack: false, join: false);
        await agent.Connection.InvokeAsync<AgentStatus>("SetAvailability", true, 1).WaitAsync(RoomClient.CallTimeout);
        await agent.Connection.InvokeAsync<QueueEntry[]>("WatchQueue", roomId).WaitAsync(RoomClient.CallTimeout);
        return agent;
    }
}
