using System.Net;
using System.Net.Http.Json;
using System.Text;
using CsvHelper;
using LiveRoom.Contracts.Calls;
using LiveRoom.Contracts.Common;
using LiveRoom.Contracts.Engagement;
using LiveRoom.Contracts.Funnel;
using LiveRoom.Contracts.Wire;
using LiveRoom.Server.Engagement;
using LiveRoom.Server.Tests.Calls;
using LiveRoom.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace LiveRoom.Server.Tests.Funnel;

/// <summary>The funnel's figures are exactly what a scripted audience of real hub connections did.</summary>
public sealed class FunnelTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private LiveRoomTestServer Server => fixture.Server;

    [Fact]
    public async Task TheFunnelCountsExactlyWhatTheScriptedAudienceDid()
    {
        var room = await Server.CreateRoomAsync("funnel").WaitAsync(RoomClient.CallTimeout);
        await using var agent = await AgentAsync(room.Id);
        await using var ann = await RoomClient.JoinAsViewerAsync(Server, room.Id, "Ann");
        await using var bo = await RoomClient.JoinAsViewerAsync(Server, room.Id, "Bo");
        await using var cy = await RoomClient.JoinAsViewerAsync(Server, room.Id, "Cy");
        await using var di = await RoomClient.JoinAsViewerAsync(Server, room.Id, "Di");
        await using var host = await RoomClient.JoinAsStaffAsync(Server, room.Id);

        await ann.SendChatAsync("hello");
        await ann.SendChatAsync("how much?");
        var question = await ann.AskAsync("Is there a trial?");
        await bo.SendChatAsync("me too");
        await bo.UpvoteAsync(question.Id);
        await host.SendChatAsync("staff are not the audience");
        // Product cards and the private channel record through the viewer grain, as their pages will.
        await RecordAsync(room.Id, ann.ParticipantId, EngagementKind.CardClick, "card-1");
        await RecordAsync(room.Id, ann.ParticipantId, EngagementKind.CardClick, "card-2");
        await RecordAsync(room.Id, bo.ParticipantId, EngagementKind.CardClick, "card-1");
        await RecordAsync(room.Id, di.ParticipantId, EngagementKind.ChannelVisit, "qr");
        await RecordAsync(room.Id, ann.ParticipantId, EngagementKind.ChannelVisit, "link");

        var ticket = await cy.Connection.InvokeAsync<CallTicket>("RequestCall", room.Id, "pricing").WaitAsync(RoomClient.CallTimeout);
        var call = await agent.Connection.InvokeAsync<CallInfo>("AcceptCall", room.Id, ticket.TicketId).WaitAsync(RoomClient.CallTimeout);
        await agent.Connection.InvokeAsync("EndCall", call.CallId).WaitAsync(RoomClient.CallTimeout);
        await cy.Calls.Ended.WaitForAsync(e => e.Count > 0, "callEnded");
        await cy.Connection.InvokeAsync<CallRecord>("RateCall", call.CallId, 4, null).WaitAsync(RoomClient.CallTimeout);
        await LeaveDetailsAsync(room.Id, ann.AccessToken, "Ann");
        await LeaveDetailsAsync(room.Id, cy.AccessToken, "Cy");

        // Everyone has watched for more than a second: as if the minute's count came now.
        await Task.Delay(1_100, TestContext.Current.CancellationToken);
        Server.Services.GetRequiredService<WatchTimeTracker>().CountAll();
        using var marketer = await StaffAsync("marketer");
        var report = await SettledAsync(marketer, $"api/rooms/{room.Id}/funnel", r => r.Totals.CallsCompleted == 1 && r.PeakViewers == 4);

        report.RoomId.ShouldBe(room.Id);
        report.Viewers.ShouldBe(4, "the host and the agent are not viewers");
        report.PeakViewers.ShouldBe(4);
        report.AverageWatchSeconds.ShouldBe(Math.Round(report.Totals.WatchSeconds / 4.0, 1));
        report.Totals.WatchSeconds.ShouldBeGreaterThanOrEqualTo(4, "at least a second each");
        report.Totals.ShouldBe(report.Totals with
        {
            Joins = 4, ChatMessages = 3, Questions = 1, Upvotes = 1, CardClicks = 3, ChannelVisits = 2, QrScans = 1,
            CallRequests = 1, CallsAccepted = 1, CallsCompleted = 1, Leads = 2,
        });
        report.Steps.Select(s => (s.Step, s.Count)).ShouldBe(
        [
            ("viewers", 4L), ("chatters", 2L), ("questioners", 1L), ("cardClickers", 2L), ("channelVisitors", 2L),
            ("callRequesters", 1L), ("callsAccepted", 1L), ("callsCompleted", 1L), ("leads", 2L),
        ]);
        report.Steps[1].OfPrevious.ShouldBe(0.5);
        report.Steps[2].OfPrevious.ShouldBe(0.5);
        report.Steps[3].OfPrevious.ShouldBe(2.0, "more viewers clicked a card than asked: a rate between steps may pass 1");
        report.Steps[8].OfViewers.ShouldBe(0.5);
        var figures = report.Agents.ShouldHaveSingleItem();
        figures.AgentId.ShouldBe(agent.ParticipantId);
        figures.Calls.ShouldBe(1);
        figures.AverageRating.ShouldBe(4);
        figures.Ratings.ShouldBe(1);
        figures.AverageHandleSeconds.ShouldNotBeNull();
        figures.AverageWaitSeconds.ShouldBeGreaterThanOrEqualTo(0);

        await TheCsvSaysTheSameAsync(marketer, $"api/rooms/{room.Id}/funnel", report);

        var timeline = await marketer.GetFromJsonAsync<FunnelTimeline>($"api/rooms/{room.Id}/funnel/timeline", WireFormat.Json).WaitAsync(RoomClient.CallTimeout);
        timeline!.Points.Max(p => p.Viewers).ShouldBe(4);
        timeline.Points.Sum(p => p.Chats).ShouldBe(3);
        timeline.Points.Sum(p => p.Questions).ShouldBe(1);
        timeline.Points.Sum(p => p.Joins).ShouldBe(4);

        var all = await marketer.GetFromJsonAsync<FunnelReport>("api/funnel", WireFormat.Json).WaitAsync(RoomClient.CallTimeout);
        all!.RoomId.ShouldBeNull();
        all.Viewers.ShouldBeGreaterThanOrEqualTo(4, "every room's viewers");
        var future = await marketer.GetFromJsonAsync<FunnelReport>($"api/rooms/{room.Id}/funnel?from=2100-01-01", WireFormat.Json).WaitAsync(RoomClient.CallTimeout);
        future!.Viewers.ShouldBe(0, "nobody arrived after the range's start");
        future.Totals.Leads.ShouldBe(0);
        future.Agents.ShouldBeEmpty();
        future.Steps[1].OfPrevious.ShouldBeNull("no rate against nobody");
        var today = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var ranged = await marketer.GetFromJsonAsync<FunnelReport>($"api/rooms/{room.Id}/funnel?from={today}&to={today}", WireFormat.Json).WaitAsync(RoomClient.CallTimeout);
        ranged!.Viewers.ShouldBe(4, "a date as 'to' takes in that whole day");
    }

    [Fact]
    public async Task AnEndedRoomsTimelineMarksItsEnd()
    {
        var room = await Server.CreateRoomAsync("marked").WaitAsync(RoomClient.CallTimeout);
        await using (var viewer = await RoomClient.JoinAsViewerAsync(Server, room.Id, "Early"))
        {
            await viewer.SendChatAsync("first!");
        }

        using var admin = Server.CreateHttpClient(await Server.LoginAsync().WaitAsync(RoomClient.CallTimeout));
        (await admin.PostAsync($"api/rooms/{room.Id}/end", null).WaitAsync(RoomClient.CallTimeout)).EnsureSuccessStatusCode();
        await Server.Services.GetRequiredService<IEngagementLog>().FlushAsync().WaitAsync(RoomClient.CallTimeout);

        var timeline = await admin.GetFromJsonAsync<FunnelTimeline>($"api/rooms/{room.Id}/funnel/timeline", WireFormat.Json).WaitAsync(RoomClient.CallTimeout);

        timeline!.Points.Sum(p => p.Chats).ShouldBe(1);
        timeline.Markers.ShouldContain(m => m.Kind == "ended");
        timeline.Markers.ShouldNotContain(m => m.Kind == "card", "product cards are not there yet");
    }

    [Fact]
    public async Task ViewersAndAgentsAreRefusedTheFunnelWithAStableCode()
    {
        var room = await Server.CreateRoomAsync("closed funnel").WaitAsync(RoomClient.CallTimeout);
        var viewer = await Server.CreateViewerAsync(room.Id, "Nosy").WaitAsync(RoomClient.CallTimeout);
        using var asViewer = Server.CreateHttpClient(viewer.AccessToken);
        using var agent = await StaffAsync("agent");
        using var host = await StaffAsync("host");
        using var anonymous = Server.CreateHttpClient();

        await (await asViewer.GetAsync($"api/rooms/{room.Id}/funnel").WaitAsync(RoomClient.CallTimeout)).ShouldBeRefusedAsync(HttpStatusCode.Forbidden, "not_allowed", "a viewer");
        await (await asViewer.GetAsync($"api/rooms/{room.Id}/funnel/timeline").WaitAsync(RoomClient.CallTimeout)).ShouldBeRefusedAsync(HttpStatusCode.Forbidden, "not_allowed", "a viewer's timeline");
        await (await agent.GetAsync($"api/rooms/{room.Id}/funnel").WaitAsync(RoomClient.CallTimeout)).ShouldBeRefusedAsync(HttpStatusCode.Forbidden, "not_allowed", "an agent");
        await (await agent.GetAsync("api/funnel").WaitAsync(RoomClient.CallTimeout)).ShouldBeRefusedAsync(HttpStatusCode.Forbidden, "not_allowed", "an agent, every room");
        (await anonymous.GetAsync("api/funnel").WaitAsync(RoomClient.CallTimeout)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await host.GetAsync($"api/rooms/{room.Id}/funnel").WaitAsync(RoomClient.CallTimeout)).StatusCode.ShouldBe(HttpStatusCode.OK, "hosts read their rooms' funnels");
        await (await host.GetAsync("api/rooms/rm_nope/funnel").WaitAsync(RoomClient.CallTimeout)).ShouldBeRefusedAsync(HttpStatusCode.NotFound, "not_found", "no such room");
        await (await host.GetAsync($"api/rooms/{room.Id}/funnel?from=yesterday").WaitAsync(RoomClient.CallTimeout)).ShouldBeRefusedAsync(HttpStatusCode.BadRequest, "invalid", "not a date");
        await (await host.GetAsync("api/funnel?from=2026-02-01&to=2026-01-01").WaitAsync(RoomClient.CallTimeout)).ShouldBeRefusedAsync(HttpStatusCode.BadRequest, "invalid", "a range that ends before it starts");
    }

    /// <summary>The CSV form of the funnel carries the same figures, steps with their rates, and agents.</summary>
    private static async Task TheCsvSaysTheSameAsync(HttpClient staff, string url, FunnelReport report)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.ParseAdd("text/csv");
        using var response = await staff.SendAsync(request).WaitAsync(RoomClient.CallTimeout);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        response.Content.Headers.ContentDisposition!.FileNameStar.ShouldBe($"funnel-{report.RoomId}.csv");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        bytes.Take(3).ShouldBe(new byte[] { 0xEF, 0xBB, 0xBF }, "a byte-order mark, so spreadsheets read it as UTF-8");
        using var csv = CsvReader.FromText(Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3));
        var figures = new Dictionary<string, string?>();
        var steps = new List<(string?, string?, string?, string?)>();
        var agents = new List<(string?, string?, string?, string?)>();
        while (csv.Read())
        {
            switch (csv.GetString("section"))
            {
                case "figure":
                    figures[csv.GetString("name")!] = csv.GetString("value");
                    break;
                case "step":
                    steps.Add((csv.GetString("name"), csv.GetString("value"), csv.GetString("of_previous"), csv.GetString("of_viewers")));
                    break;
                case "agent":
                    agents.Add((csv.GetString("agent_id"), csv.GetString("value"), csv.GetString("average_rating"), csv.GetString("ratings")));
                    break;
                default:
                    throw new ShouldAssertException($"An unknown section: {csv.GetString("section")}");
            }
        }

        figures["room"].ShouldBe(report.RoomId);
        figures["viewers"].ShouldBe("4");
        figures["peak_viewers"].ShouldBe("4");
        figures["chat_messages"].ShouldBe("3");
        figures["card_clicks"].ShouldBe("3");
        figures["qr_scans"].ShouldBe("1");
        figures["leads"].ShouldBe("2");
        figures["watch_seconds"].ShouldBe(report.Totals.WatchSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        steps.ShouldBe(
        [
            ("viewers", "4", "", "1"), ("chatters", "2", "0.5", "0.5"), ("questioners", "1", "0.5", "0.25"),
            ("cardClickers", "2", "2", "0.5"), ("channelVisitors", "2", "1", "0.5"), ("callRequesters", "1", "0.5", "0.25"),
            ("callsAccepted", "1", "1", "0.25"), ("callsCompleted", "1", "1", "0.25"), ("leads", "2", "2", "0.5"),
        ]);
        agents.ShouldBe([(report.Agents[0].AgentId, "1", "4", "1")]);
    }

    /// <summary>Call steps reach the viewer's grain one-way: flush and read again until they are in (bounded).</summary>
    private async Task<FunnelReport> SettledAsync(HttpClient staff, string url, Func<FunnelReport, bool> settled)
    {
        var log = Server.Services.GetRequiredService<IEngagementLog>();
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            await log.FlushAsync().WaitAsync(RoomClient.CallTimeout);
            var report = (await staff.GetFromJsonAsync<FunnelReport>(url, WireFormat.Json).WaitAsync(RoomClient.CallTimeout))!;
            if (settled(report) || waited.Elapsed > RoomClient.CallTimeout) return report;
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }

    private async Task RecordAsync(string roomId, string viewerId, EngagementKind kind, string subject) =>
        await Server.Services.GetRequiredService<IGrainFactory>().Viewer(roomId, viewerId).RecordAsync(kind, subject).WaitAsync(RoomClient.CallTimeout);

    private async Task LeaveDetailsAsync(string roomId, string accessToken, string name)
    {
        using var client = Server.CreateHttpClient(accessToken);
        using var response = await client.PostAsJsonAsync($"api/rooms/{roomId}/leads", new { name, email = $"{name.ToLowerInvariant()}@example.com", consent = true }).WaitAsync(RoomClient.CallTimeout);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    private async Task<RoomClient> AgentAsync(string roomId)
    {
        var staff = await Server.CreateStaffAsync("agent").WaitAsync(RoomClient.CallTimeout);
        var token = await Server.LoginAsync(staff.Email, staff.Password).WaitAsync(RoomClient.CallTimeout);
        var agent = await RoomClient.ConnectAsync(Server, roomId, staff.Id, token, messagePack: false, join: false);
        await agent.Connection.InvokeAsync<AgentStatus>("SetAvailability", true, 1).WaitAsync(RoomClient.CallTimeout);
        await agent.Connection.InvokeAsync<QueueEntry[]>("WatchQueue", roomId).WaitAsync(RoomClient.CallTimeout);
        return agent;
    }

    private async Task<HttpClient> StaffAsync(string role)
    {
        var staff = await Server.CreateStaffAsync(role).WaitAsync(RoomClient.CallTimeout);
        return Server.CreateHttpClient(await Server.LoginAsync(staff.Email, staff.Password).WaitAsync(RoomClient.CallTimeout));
    }
}
