using System.Net.Http.Json;
using LiveRoom.Contracts.Calls;
using LiveRoom.Contracts.Wire;
using LiveRoom.Testing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveRoom.Server.Tests.Calls;

/// <summary>Private calls over real hub connections: queueing, taking a viewer aside, and who may signal whom.</summary>
public sealed class CallHubTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const string Sdp = "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n";

    private LiveRoomTestServer Server => fixture.Server;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AViewerIsTakenAsideAndOnlyTheTwoOfThemExchangeSignalling(bool messagePack)
    {
        var room = await Server.CreateRoomAsync("pull-aside").WaitAsync(RoomClient.CallTimeout);
        await using var agent = await AgentAsync(room.Id, messagePack);
        await using var viewer = await RoomClient.JoinAsViewerAsync(Server, room.Id, "Vera", messagePack);
        await using var bystander = await RoomClient.JoinAsViewerAsync(Server, room.Id, "Bystander", !messagePack);

        var ticket = await viewer.Connection.InvokeAsync<CallTicket>("RequestCall", room.Id, "my loan").WaitAsync(RoomClient.CallTimeout);
        ticket.Position.ShouldBe(1);
        ticket.EstimatedWait.ShouldNotBeNull();
        var offer = (await agent.Calls.Offers.WaitForAsync(o => o.Count > 0, "the ring"))[0];
        offer.TicketId.ShouldBe(ticket.TicketId);
        offer.Topic.ShouldBe("my loan");
        (await agent.Calls.CallQueue.WaitForAsync(q => q.Any(e => e.Length == 1), "the queue entry")).Last(e => e.Length == 1)[0].DisplayName.ShouldBe("Vera");

        var call = await agent.Connection.InvokeAsync<CallInfo>("AcceptCall", room.Id, ticket.TicketId).WaitAsync(RoomClient.CallTimeout);

        var viewersCall = (await viewer.Calls.Started.WaitForAsync(c => c.Count > 0, "callStarted on the viewer's side"))[0];
        viewersCall.CallId.ShouldBe(call.CallId);
        viewersCall.Initiator.ShouldBe(agent.ParticipantId);
        viewersCall.Participants.Select(p => p.Role).ShouldBe([CallRole.Agent, CallRole.Viewer]);
        (await viewer.Calls.Queue.WaitForAsync(q => q.Any(s => s.State == TicketState.Accepted), "the ticket accepted")).ShouldNotBeEmpty();

        await agent.Connection.InvokeAsync("SendSignal", call.CallId, new SignalMessage("offer", Sdp)).WaitAsync(RoomClient.CallTimeout);
        var relayed = (await viewer.Calls.Signals.WaitForAsync(s => s.Count > 0, "the offer"))[0];
        relayed.ShouldBe(new CallSignal(call.CallId, agent.ParticipantId, "offer", Sdp));
        await viewer.Connection.InvokeAsync("SendSignal", call.CallId, new SignalMessage("candidate", """{"candidate":"candidate:1 1 udp 1 127.0.0.1 5000 typ host","sdpMid":"0"}""")).WaitAsync(RoomClient.CallTimeout);
        (await agent.Calls.Signals.WaitForAsync(s => s.Count > 0, "the candidate"))[0].Type.ShouldBe("candidate");

        var stranger = await Should.ThrowAsync<HubException>(() => bystander.Connection.InvokeAsync("SendSignal", call.CallId, new SignalMessage("offer", Sdp)).WaitAsync(RoomClient.CallTimeout));
        stranger.Message.ShouldContain("not part of that call");
        (await Should.ThrowAsync<HubException>(() => bystander.Connection.InvokeAsync("EndCall", call.CallId).WaitAsync(RoomClient.CallTimeout))).Message.ShouldContain("not part");
        (await Should.ThrowAsync<HubException>(() => bystander.Connection.InvokeAsync<CallInfo>("RejoinCall", call.CallId).WaitAsync(RoomClient.CallTimeout))).Message.ShouldContain("not part");

        await viewer.Connection.InvokeAsync("EndCall", call.CallId).WaitAsync(RoomClient.CallTimeout);
        (await agent.Calls.Ended.WaitForAsync(e => e.Count > 0, "callEnded"))[0].Reason.ShouldBe(CallEndReasons.Hangup);
        await viewer.Calls.Ended.WaitForAsync(e => e.Count > 0, "callEnded on the viewer's side");
        bystander.Calls.Signals.Items.ShouldBeEmpty();
        bystander.Calls.Started.Items.ShouldBeEmpty();
        (await Should.ThrowAsync<HubException>(() => agent.Connection.InvokeAsync("SendSignal", call.CallId, new SignalMessage("offer", Sdp)).WaitAsync(RoomClient.CallTimeout))).Message.ShouldContain("over");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ANewConnectionOfSomeoneStillInACallIsToldOfItAndOfItsRecordingButNobodyElseIs(bool messagePack)
    {
        var room = await Server.CreateRoomAsync("reload").WaitAsync(RoomClient.CallTimeout);
        var staff = await Server.CreateStaffAsync("agent").WaitAsync(RoomClient.CallTimeout);
        var token = await Server.LoginAsync(staff.Email, staff.Password).WaitAsync(RoomClient.CallTimeout);
        await using var agent = await RoomClient.ConnectAsync(Server, room.Id, staff.Id, token, messagePack, join: false);
        await agent.Connection.InvokeAsync<AgentStatus>("SetAvailability", true, 1).WaitAsync(RoomClient.CallTimeout);
        await agent.Connection.InvokeAsync<QueueEntry[]>("WatchQueue", room.Id).WaitAsync(RoomClient.CallTimeout);
        var identity = await Server.CreateViewerAsync(room.Id, "Rhea").WaitAsync(RoomClient.CallTimeout);
        var viewer = await RoomClient.ConnectAsync(Server, room.Id, identity.ViewerId, identity.AccessToken, messagePack, join: true);
        var ticket = await viewer.Connection.InvokeAsync<CallTicket>("RequestCall", room.Id, null).WaitAsync(RoomClient.CallTimeout);
        var call = await agent.Connection.InvokeAsync<CallInfo>("AcceptCall", room.Id, ticket.TicketId).WaitAsync(RoomClient.CallTimeout);
        var started = (await viewer.Calls.Started.WaitForAsync(c => c.Count > 0, "callStarted"))[0];
        started.Resumed.ShouldBeFalse();
        await agent.Connection.InvokeAsync<CallRecordingStatus>("RequestRecording", call.CallId).WaitAsync(RoomClient.CallTimeout);

        // The viewer reloads the page: the old connection goes, a new one joins the room.
        await viewer.DisposeAsync();
        await using var reloaded = await RoomClient.ConnectAsync(Server, room.Id, identity.ViewerId, identity.AccessToken, messagePack, join: true);
        var resumed = (await reloaded.Calls.Started.WaitForAsync(c => c.Count > 0, "callStarted on the reloaded page"))[0];
        resumed.CallId.ShouldBe(call.CallId);
        resumed.Resumed.ShouldBeTrue();
        resumed.Initiator.ShouldBe(staff.Id);
        resumed.IceServers.Count.ShouldBe(started.IceServers.Count, "ICE servers are given to the new connection as at the start");
        resumed.IceTransportPolicy.ShouldBe(started.IceTransportPolicy);
        var consent = (await reloaded.Calls.Recording.WaitForAsync(r => r.Count > 0, "the recording request on the reloaded page"))[0];
        consent.State.ShouldBe(RecordingState.Requested);
        consent.Pending.ShouldBe([identity.ViewerId]);

        // Taking the call up on the new page: it goes on (the grace period of the old connection stops).
        (await reloaded.Connection.InvokeAsync<CallInfo>("RejoinCall", call.CallId).WaitAsync(RoomClient.CallTimeout)).CallId.ShouldBe(call.CallId);
        await reloaded.Connection.InvokeAsync("SendSignal", call.CallId, new SignalMessage("offer", Sdp)).WaitAsync(RoomClient.CallTimeout);
        (await agent.Calls.Signals.WaitForAsync(s => s.Count > 0, "the reloaded page's offer")).Last().From.ShouldBe(identity.ViewerId);

        // The agent's console connects again: told too; a bystander joining the room is told nothing.
        await using var console = await RoomClient.ConnectAsync(Server, room.Id, staff.Id, token, messagePack, join: false);
        var agentsResumed = (await console.Calls.Started.WaitForAsync(c => c.Count > 0, "callStarted on the agent's new connection"))[0];
        agentsResumed.CallId.ShouldBe(call.CallId);
        agentsResumed.Resumed.ShouldBeTrue();
        await using var bystander = await RoomClient.JoinAsViewerAsync(Server, room.Id, "Bystander", messagePack);

        await reloaded.Connection.InvokeAsync("EndCall", call.CallId).WaitAsync(RoomClient.CallTimeout);
        await agent.Calls.Ended.WaitForAsync(e => e.Count > 0, "callEnded");
        await using var afterwards = await RoomClient.ConnectAsync(Server, room.Id, identity.ViewerId, identity.AccessToken, messagePack, join: true);
        afterwards.Calls.Started.Items.ShouldBeEmpty("an ended call is not brought back");
        bystander.Calls.Started.Items.ShouldBeEmpty();
    }

    [Fact]
    public async Task SignallingOverItsLimitsOrOfUnknownShapeIsRefusedWithACode()
    {
        var room = await Server.CreateRoomAsync("caps").WaitAsync(RoomClient.CallTimeout);
        await using var agent = await AgentAsync(room.Id);
        await using var viewer = await RoomClient.JoinAsViewerAsync(Server, room.Id, "Caps");
        var ticket = await viewer.Connection.InvokeAsync<CallTicket>("RequestCall", room.Id, null).WaitAsync(RoomClient.CallTimeout);
        var call = await agent.Connection.InvokeAsync<CallInfo>("AcceptCall", room.Id, ticket.TicketId).WaitAsync(RoomClient.CallTimeout);

        await RefusedAsync(agent, "too_long", "SendSignal", call.CallId, new SignalMessage("offer", "v=0\r\n" + new string('a', 70_000)));
        await RefusedAsync(agent, "invalid", "SendSignal", call.CallId, new SignalMessage("shutdown", "{}"));
        await RefusedAsync(agent, "invalid", "SendSignal", call.CallId, new SignalMessage("candidate", "not json"));
        await RefusedAsync(agent, "not_participant", "SendSignal", call.CallId, new SignalMessage("offer", Sdp, "v_somebodyelse"));
        await RefusedAsync(agent, "not_found", "SendSignal", "c_" + new string('0', 24), new SignalMessage("offer", Sdp));

        await agent.Connection.InvokeAsync("SendSignal", call.CallId, new SignalMessage("offer", Sdp)).WaitAsync(RoomClient.CallTimeout);
        var candidate = new SignalMessage("candidate", """{"candidate":"candidate:1 1 udp 1 127.0.0.1 5000 typ host"}""");
        for (var i = 0; i < 64; i++)
        {
            await agent.Connection.InvokeAsync("SendSignal", call.CallId, candidate).WaitAsync(RoomClient.CallTimeout);
            if (i % 30 == 29) await Task.Delay(1_600); // stays under the hub's call rate (20/s, burst 40)
        }

        await RefusedAsync(agent, "too_many_candidates", "SendSignal", call.CallId, candidate);
        await agent.Connection.InvokeAsync("SendSignal", call.CallId, new SignalMessage("offer", Sdp)).WaitAsync(RoomClient.CallTimeout);
        await agent.Connection.InvokeAsync("SendSignal", call.CallId, candidate).WaitAsync(RoomClient.CallTimeout);
    }

    [Theory]
    [InlineData("""{"type":"offer","payload":"v=0\r\n","extra":1}""")]
    [InlineData("""{"type":"candidate","payload":"{}","type":"offer"}""")]
    public async Task ASignalWithAFieldItDoesNotHaveOrAKeyTwiceIsRefusedAndNotRelayed(string signalJson)
    {
        var room = await Server.CreateRoomAsync("strict").WaitAsync(RoomClient.CallTimeout);
        await using var agent = await AgentAsync(room.Id);
        await using var viewer = await RoomClient.JoinAsViewerAsync(Server, room.Id, "Strict");
        var ticket = await viewer.Connection.InvokeAsync<CallTicket>("RequestCall", room.Id, null).WaitAsync(RoomClient.CallTimeout);
        var call = await agent.Connection.InvokeAsync<CallInfo>("AcceptCall", room.Id, ticket.TicketId).WaitAsync(RoomClient.CallTimeout);
        using var timeout = new CancellationTokenSource(RoomClient.CallTimeout);
        await using var raw = await RawHubSocket.ConnectAsync(Server, agent.AccessToken, timeout.Token);

        await raw.InvokeAsync("SendSignal", $"[\"{call.CallId}\",{signalJson}]", timeout.Token);

        string? reply;
        do
        {
            reply = await raw.ReceiveAsync(timeout.Token);
        }
        while (reply is not null && !reply.Contains("\"type\":3", StringComparison.Ordinal));
        reply.ShouldNotBeNull();
        reply.ShouldContain("\"error\"");
        // A well-formed signal afterwards is relayed: the refused one never was.
        await agent.Connection.InvokeAsync("SendSignal", call.CallId, new SignalMessage("offer", Sdp)).WaitAsync(RoomClient.CallTimeout);
        var signals = await viewer.Calls.Signals.WaitForAsync(s => s.Count > 0, "the good signal");
        signals.Single().Payload.ShouldBe(Sdp);
    }

    [Fact]
    public async Task ViewersCannotUseStaffMethodsAndStaffCannotQueue()
    {
        var room = await Server.CreateRoomAsync("roles").WaitAsync(RoomClient.CallTimeout);
        await using var agent = await AgentAsync(room.Id);
        await using var viewer = await RoomClient.JoinAsViewerAsync(Server, room.Id, "Role");

        await RefusedAsync(viewer, "not_allowed", "AcceptCall", room.Id, null);
        await RefusedAsync(viewer, "not_allowed", "SetAvailability", true, 1);
        await RefusedAsync(viewer, "not_allowed", "WatchQueue", room.Id);
        await RefusedAsync(agent, "not_allowed", "RequestCall", room.Id, null);
        await RefusedAsync(agent, "invalid", "SetAvailability", true, 99);
    }

    [Fact]
    public async Task WithNoAgentTheViewerIsToldSoAndAVipGoesFirst()
    {
        var room = await Server.CreateRoomAsync("vip").WaitAsync(RoomClient.CallTimeout);
        await using var early = await RoomClient.JoinAsViewerAsync(Server, room.Id, "Early");
        await RefusedAsync(early, "no_agents", "RequestCall", room.Id, null);

        await using var agent = await AgentAsync(room.Id, capacity: 1);
        // The agent is busy with a first viewer, so the others wait.
        await using var first = await RoomClient.JoinAsViewerAsync(Server, room.Id, "First");
        var firstTicket = await first.Connection.InvokeAsync<CallTicket>("RequestCall", room.Id, null).WaitAsync(RoomClient.CallTimeout);
        await agent.Connection.InvokeAsync<CallInfo>("AcceptCall", room.Id, firstTicket.TicketId).WaitAsync(RoomClient.CallTimeout);
        await early.Connection.InvokeAsync<CallTicket>("RequestCall", room.Id, null).WaitAsync(RoomClient.CallTimeout);
        await using var late = await RoomClient.JoinAsViewerAsync(Server, room.Id, "Late");
        var lateTicket = await late.Connection.InvokeAsync<CallTicket>("RequestCall", room.Id, null).WaitAsync(RoomClient.CallTimeout);
        lateTicket.Position.ShouldBe(2);

        await RefusedAsync(agent, "at_capacity", "AcceptCall", room.Id, null);
        var vip = await agent.Connection.InvokeAsync<QueueEntry>("SetVip", room.Id, lateTicket.TicketId, true).WaitAsync(RoomClient.CallTimeout);

        vip.Position.ShouldBe(1);
        await late.Calls.Queue.WaitForAsync(q => q.Any(s => s.Position == 1), "the VIP's new position");
        await early.Calls.Queue.WaitForAsync(q => q.Any(s => s.Position == 2), "the others moving back");
        await early.Connection.InvokeAsync("LeaveQueue", room.Id).WaitAsync(RoomClient.CallTimeout);
        await early.Calls.Queue.WaitForAsync(q => q.Any(s => s.State == TicketState.Gone), "the leaver told");

        // Staff close the queue: nobody new gets in (they are offered a call-back); open again, they do.
        (await agent.Connection.InvokeAsync<bool>("SetQueueOpen", room.Id, false).WaitAsync(RoomClient.CallTimeout)).ShouldBeFalse();
        await RefusedAsync(early, "queue_closed", "RequestCall", room.Id, null);
        await RefusedAsync(early, "not_allowed", "SetQueueOpen", room.Id, true);
        (await agent.Connection.InvokeAsync<bool>("SetQueueOpen", room.Id, true).WaitAsync(RoomClient.CallTimeout)).ShouldBeTrue();
        (await early.Connection.InvokeAsync<CallTicket>("RequestCall", room.Id, null).WaitAsync(RoomClient.CallTimeout)).Position.ShouldBe(2);
    }

    [Fact]
    public async Task ViewersCannotReadOrChangeWhetherTheQueueIsOpenAndEveryAgentServingItHearsWhenStaffCloseIt()
    {
        var room = await Server.CreateRoomAsync("queue-open").WaitAsync(RoomClient.CallTimeout);
        await using var agent = await AgentAsync(room.Id);
        await using var colleague = await AgentAsync(room.Id);
        await using var viewer = await RoomClient.JoinAsViewerAsync(Server, room.Id, "Curious");

        await RefusedAsync(viewer, "not_allowed", "IsQueueOpen", room.Id);
        await RefusedAsync(viewer, "not_allowed", "SetQueueOpen", room.Id, false);
        (await colleague.Connection.InvokeAsync<bool>("IsQueueOpen", room.Id).WaitAsync(RoomClient.CallTimeout)).ShouldBeTrue("the viewer's attempt changed nothing");

        (await agent.Connection.InvokeAsync<bool>("SetQueueOpen", room.Id, false).WaitAsync(RoomClient.CallTimeout)).ShouldBeFalse();
        (await colleague.Calls.QueueOpen.WaitForAsync(o => o.Count > 0, "callQueueOpen (closed) to the colleague"))[0].ShouldBe(new QueueOpenChanged(room.Id, false));
        (await agent.Calls.QueueOpen.WaitForAsync(o => o.Count > 0, "callQueueOpen (closed) to the agent who closed it"))[0].Open.ShouldBeFalse();
        (await colleague.Connection.InvokeAsync<bool>("IsQueueOpen", room.Id).WaitAsync(RoomClient.CallTimeout)).ShouldBeFalse();
        await RefusedAsync(viewer, "queue_closed", "RequestCall", room.Id, null);

        (await colleague.Connection.InvokeAsync<bool>("SetQueueOpen", room.Id, true).WaitAsync(RoomClient.CallTimeout)).ShouldBeTrue();
        (await agent.Calls.QueueOpen.WaitForAsync(o => o.Count > 1, "callQueueOpen (open) to the agent"))[1].ShouldBe(new QueueOpenChanged(room.Id, true));
        (await agent.Connection.InvokeAsync<bool>("IsQueueOpen", room.Id).WaitAsync(RoomClient.CallTimeout)).ShouldBeTrue();
        (await viewer.Connection.InvokeAsync<CallTicket>("RequestCall", room.Id, null).WaitAsync(RoomClient.CallTimeout)).Position.ShouldBe(1);
    }

    [Fact]
    public async Task AnEndedCallIsInTheHistoryWithItsRatingNoteAndTheViewersContext()
    {
        var room = await Server.CreateRoomAsync("history").WaitAsync(RoomClient.CallTimeout);
        await using var agent = await AgentAsync(room.Id);
        await using var viewer = await RoomClient.JoinAsViewerAsync(Server, room.Id, "Hana");
        await viewer.SendChatAsync("Does the premium plan cover travel?");
        await viewer.AskAsync("What is the waiting period?");
        var ticket = await viewer.Connection.InvokeAsync<CallTicket>("RequestCall", room.Id, "travel cover").WaitAsync(RoomClient.CallTimeout);
        var call = await agent.Connection.InvokeAsync<CallInfo>("AcceptCall", room.Id, ticket.TicketId).WaitAsync(RoomClient.CallTimeout);
        await agent.Connection.InvokeAsync("EndCall", call.CallId).WaitAsync(RoomClient.CallTimeout);

        var rated = await viewer.Connection.InvokeAsync<CallRecord>("RateCall", call.CallId, 5, " Very helpful ").WaitAsync(RoomClient.CallTimeout);
        await RefusedAsync(viewer, "invalid", "RateCall", call.CallId, 9, null);
        await RefusedAsync(viewer, "not_allowed", "SaveCallNote", call.CallId, "a viewer's note");
        var noted = await agent.Connection.InvokeAsync<CallRecord>("SaveCallNote", call.CallId, "Sent the travel brochure.").WaitAsync(RoomClient.CallTimeout);

        rated.Rating.ShouldBe(5);
        rated.RatingComment.ShouldBe("Very helpful");
        noted.Note.ShouldBe("Sent the travel brochure.");
        using var staff = Server.CreateHttpClient(agent.AccessToken);
        var history = await staff.GetFromJsonAsync<CallRecord[]>($"api/calls?personId={viewer.ParticipantId}", WireFormat.Json).WaitAsync(RoomClient.CallTimeout);
        var record = history!.Single();
        record.CallId.ShouldBe(call.CallId);
        record.Topic.ShouldBe("travel cover");
        record.Outcome.ShouldBe(CallEndReasons.Hangup);
        record.EndedAt.ShouldNotBeNull();
        record.Rating.ShouldBe(5);
        record.Note.ShouldBe("Sent the travel brochure.");
        record.Participants.Select(p => p.Id).ShouldBe([agent.ParticipantId, viewer.ParticipantId]);
        (await staff.GetFromJsonAsync<CallRecord[]>($"api/calls?personId={agent.ParticipantId}", WireFormat.Json))!.Select(c => c.CallId).ShouldContain(call.CallId);

        var context = await staff.GetFromJsonAsync<ViewerContext>($"api/rooms/{room.Id}/viewers/{viewer.ParticipantId}/context", WireFormat.Json).WaitAsync(RoomClient.CallTimeout);
        context!.DisplayName.ShouldBe("Hana");
        context.Chat.Select(m => m.Text).ShouldBe(["Does the premium plan cover travel?"]);
        context.Questions.Select(q => q.Text).ShouldBe(["What is the waiting period?"]);
        context.Calls.Single().CallId.ShouldBe(call.CallId);

        using var anonymous = Server.CreateHttpClient();
        (await anonymous.GetAsync($"api/calls?personId={viewer.ParticipantId}")).StatusCode.ShouldBe(System.Net.HttpStatusCode.Unauthorized);
        using var asViewer = Server.CreateHttpClient(viewer.AccessToken);
        (await asViewer.GetAsync($"api/rooms/{room.Id}/viewers/{viewer.ParticipantId}/context")).StatusCode.ShouldBe(System.Net.HttpStatusCode.Forbidden);
    }

    private async Task<RoomClient> AgentAsync(string roomId, bool messagePack = false, int capacity = 1)
    {
        var staff = await Server.CreateStaffAsync("agent").WaitAsync(RoomClient.CallTimeout);
        var token = await Server.LoginAsync(staff.Email, staff.Password).WaitAsync(RoomClient.CallTimeout);
        var agent = await RoomClient.ConnectAsync(Server, roomId, staff.Id, token, messagePack, join: false);
        await agent.Connection.InvokeAsync<AgentStatus>("SetAvailability", true, capacity).WaitAsync(RoomClient.CallTimeout);
        await agent.Connection.InvokeAsync<QueueEntry[]>("WatchQueue", roomId).WaitAsync(RoomClient.CallTimeout);
        return agent;
    }

    private static async Task RefusedAsync(RoomClient client, string code, string method, params object?[] args)
    {
        var before = client.Refusals.Items.Count;
        await Should.ThrowAsync<HubException>(() => client.Connection.InvokeCoreAsync(method, args).WaitAsync(RoomClient.CallTimeout), $"{method} should be refused with {code}");
        var notices = await client.Refusals.WaitForAsync(n => n.Count > before, $"the refusal notice of {method}");
        notices[before].ShouldBe(notices[before] with { Method = method, Code = code }, $"{method} should be refused with {code}");
    }
}
