using LiveRoom.Contracts.Calls;
using LiveRoom.Contracts.Common;
using LiveRoom.Contracts.Delivery;
using LiveRoom.Contracts.Rooms;

namespace LiveRoom.Grains.Tests;

/// <summary>The pull-aside queue: order, positions, offers, acceptance, capacity, and what survives a restart.</summary>
public sealed class CallQueueTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    private IGrainFactory Grains => fixture.Client;

    [Fact]
    public async Task NobodyCanQueueWhileNoAgentServesTheRoom()
    {
        var roomId = await CreateRoomAsync();

        var outcome = await Grains.CallQueue(roomId).RequestAsync(new QueueRequest("v_lonely", "Lonely", null)).WaitAsync(Timeout);

        outcome.Refusal!.Code.ShouldBe(RefusalCode.NoAgents);
    }

    [Fact]
    public async Task VipsGoFirstThenTheLongestWaiting()
    {
        var roomId = await CreateRoomAsync();
        await AgentAsync(roomId, available: true, capacity: 1, busyWith: "c_busy");
        var queue = Grains.CallQueue(roomId);

        foreach (var name in new[] { "ann", "bob", "cid" })
        {
            (await queue.RequestAsync(new QueueRequest("v_" + name, name, null)).WaitAsync(Timeout)).IsSuccess.ShouldBeTrue();
            fixture.Time.Advance(TimeSpan.FromSeconds(1));
        }

        var cid = (await queue.GetEntriesAsync()).Single(e => e.ViewerId == "v_cid");
        (await queue.SetVipAsync(cid.TicketId, true).WaitAsync(Timeout)).Value!.Position.ShouldBe(1);

        var entries = await queue.GetEntriesAsync();
        entries.Select(e => e.ViewerId).ShouldBe(["v_cid", "v_ann", "v_bob"]);
        entries.Select(e => e.Position).ShouldBe([1, 2, 3]);
        (await queue.GetTicketAsync("v_bob"))!.Position.ShouldBe(3);
    }

    [Fact]
    public async Task ConcurrentRequestsGetDistinctPositionsAndAskingAgainKeepsTheTicket()
    {
        var roomId = await CreateRoomAsync();
        await AgentAsync(roomId, available: true, capacity: 1, busyWith: "c_busy");
        var queue = Grains.CallQueue(roomId);

        var tickets = await Task.WhenAll(Enumerable.Range(0, 25).Select(i => queue.RequestAsync(new QueueRequest($"v_{i:00}", $"viewer {i}", null)))).WaitAsync(Timeout);
        var again = await queue.RequestAsync(new QueueRequest("v_07", "viewer 7", "ignored")).WaitAsync(Timeout);

        tickets.ShouldAllBe(t => t.IsSuccess);
        tickets.Select(t => t.Value!.Position).Order().ShouldBe(Enumerable.Range(1, 25));
        tickets.Select(t => t.Value!.TicketId).Distinct().Count().ShouldBe(25);
        again.Value!.TicketId.ShouldBe(tickets[7].Value!.TicketId);
        (await queue.GetEntriesAsync()).Count.ShouldBe(25);
    }

    [Fact]
    public async Task TwoAgentsAcceptingTheSameViewerAtOnceNeverBothGetThem()
    {
        var roomId = await CreateRoomAsync();
        var first = await AgentAsync(roomId, available: true, capacity: 2);
        var second = await AgentAsync(roomId, available: true, capacity: 2);
        var queue = Grains.CallQueue(roomId);
        var ticket = (await queue.RequestAsync(new QueueRequest("v_wanted", "Wanted", "loans")).WaitAsync(Timeout)).Value!;

        var results = await Task.WhenAll(
            queue.AcceptAsync(await ViewAsync(first.Id), ticket.TicketId),
            queue.AcceptAsync(await ViewAsync(second.Id), ticket.TicketId)).WaitAsync(Timeout);

        results.Count(r => r.IsSuccess).ShouldBe(1);
        results.Single(r => !r.IsSuccess).Refusal!.Code.ShouldBe(RefusalCode.TicketGone);
        var call = results.Single(r => r.IsSuccess).Value!;
        call.Participants.Select(p => p.Role).ShouldBe([CallRole.Agent, CallRole.Viewer]);
        call.Participants[1].Id.ShouldBe("v_wanted");
        call.Initiator.ShouldBe(call.Participants[0].Id);
        (await queue.GetEntriesAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task AnAgentAtCapacityIsNeitherOfferedNorGivenAnotherCall()
    {
        var roomId = await CreateRoomAsync();
        var agent = await AgentAsync(roomId, available: true, capacity: 1);
        var queue = Grains.CallQueue(roomId);
        await queue.RequestAsync(new QueueRequest("v_one", "One", null)).WaitAsync(Timeout);
        await agent.Node.WaitUntilAsync(() => agent.Node.Personal.Any(p => p.Event is CallOffer), "the first offer");
        (await queue.AcceptAsync(await ViewAsync(agent.Id), null).WaitAsync(Timeout)).IsSuccess.ShouldBeTrue();

        await queue.RequestAsync(new QueueRequest("v_two", "Two", null)).WaitAsync(Timeout);
        var refused = await queue.AcceptAsync(await ViewAsync(agent.Id), null).WaitAsync(Timeout);

        refused.Refusal!.Code.ShouldBe(RefusalCode.AtCapacity);
        agent.Node.Personal.Count(p => p.Event is CallOffer).ShouldBe(1, "an agent at capacity is not rung");
        (await queue.GetEntriesAsync()).Single().State.ShouldBe(TicketState.Waiting);
        (await Grains.Agent(agent.Id).ReserveAsync("c_another")).Refusal!.Code.ShouldBe(RefusalCode.AtCapacity);
    }

    [Fact]
    public async Task AnOfferNotTakenInTimeMovesOnToTheNextFreeAgent()
    {
        var roomId = await CreateRoomAsync();
        var first = await AgentAsync(roomId, available: true, capacity: 1, id: "u_a_" + Guid.NewGuid().ToString("N")[..8]);
        var second = await AgentAsync(roomId, available: true, capacity: 1, id: "u_b_" + Guid.NewGuid().ToString("N")[..8]);
        var queue = Grains.CallQueue(roomId);
        var ticket = (await queue.RequestAsync(new QueueRequest("v_ring", "Ring", null)).WaitAsync(Timeout)).Value!;
        var offeredFirst = (await queue.GetEntriesAsync()).Single().OfferedTo;
        var (rung, other) = offeredFirst == first.Id ? (first, second) : (second, first);
        await rung.Node.WaitUntilAsync(() => rung.Node.Personal.Any(p => p.Event is CallOffer o && o.TicketId == ticket.TicketId), "the first ring");

        fixture.Time.Advance(TimeSpan.FromSeconds(ClusterFixture.OfferTimeoutSeconds + 1));

        await other.Node.WaitUntilAsync(() => other.Node.Personal.Any(p => p.Event is CallOffer o && o.TicketId == ticket.TicketId), "the ring moving on");
        (await queue.GetEntriesAsync()).Single().OfferedTo.ShouldBe(other.Id);
    }

    [Fact]
    public async Task ADeclinedOfferRingsTheOtherAgentAndOnceBothDeclinedItWaitsUntilTheFirstOnesCooldownIsOver()
    {
        var roomId = await CreateRoomAsync();
        var suffix = Guid.NewGuid().ToString("N")[..8];
        // The first ring goes to the only agent there; the other comes later and sorts before them.
        var late = "u_b_" + suffix;
        var early = "u_a_" + suffix;
        var first = await AgentAsync(roomId, available: true, capacity: 1, id: late);
        var queue = Grains.CallQueue(roomId);
        var ticket = (await queue.RequestAsync(new QueueRequest("v_picky", "Picky", null)).WaitAsync(Timeout)).Value!;
        await first.Node.WaitUntilAsync(() => Rings(first.Node, ticket.TicketId) == 1, "the first ring");
        var second = await AgentAsync(roomId, available: true, capacity: 1, id: early);

        await queue.DeclineAsync(first.Id, ticket.TicketId).WaitAsync(Timeout);
        await second.Node.WaitUntilAsync(() => Rings(second.Node, ticket.TicketId) == 1, "the ring moving on to the other agent");
        (await queue.GetEntriesAsync()).Single().OfferedTo.ShouldBe(second.Id);

        fixture.Time.Advance(TimeSpan.FromSeconds(5));
        await queue.DeclineAsync(second.Id, ticket.TicketId).WaitAsync(Timeout);
        var waiting = (await queue.GetEntriesAsync()).Single();
        waiting.State.ShouldBe(TicketState.Waiting, "both declined lately: nobody is rung");
        waiting.OfferedTo.ShouldBeNull();
        (await queue.GetTicketAsync("v_picky"))!.Position.ShouldBe(1);

        // The first declined 5 s before the second: their cool-down ends first, and the ring comes back to them.
        fixture.Time.Advance(TimeSpan.FromSeconds(ClusterFixture.DeclineCooldownSeconds - 5 + 1));
        await first.Node.WaitUntilAsync(() => Rings(first.Node, ticket.TicketId) == 2, "the ring coming back to the first who declined");
        (await queue.GetEntriesAsync()).Single().OfferedTo.ShouldBe(first.Id);
        Rings(second.Node, ticket.TicketId).ShouldBe(1, "the agent who just declined is not rung again");
        (await queue.GetTicketAsync("v_picky"))!.Position.ShouldBe(1);
    }

    [Fact]
    public async Task AnAgentAloneWhoDeclinedIsNotRungForThatViewerUntilTheCooldownIsOverButOthersAreAndTheyMayStillAccept()
    {
        var roomId = await CreateRoomAsync();
        var agent = await AgentAsync(roomId, available: true, capacity: 2);
        var queue = Grains.CallQueue(roomId);
        var declined = (await queue.RequestAsync(new QueueRequest("v_declined", "Declined", null)).WaitAsync(Timeout)).Value!;
        await agent.Node.WaitUntilAsync(() => Rings(agent.Node, declined.TicketId) == 1, "the first ring");

        await queue.DeclineAsync(agent.Id, declined.TicketId).WaitAsync(Timeout);

        var entry = (await queue.GetEntriesAsync()).Single();
        entry.State.ShouldBe(TicketState.Waiting, "the viewer waits in the queue, rung to nobody");
        entry.OfferedTo.ShouldBeNull();
        (await queue.GetTicketAsync("v_declined"))!.Position.ShouldBe(1);

        // Another viewer is rung to the same agent as before: the cool-down is for the declined ticket only.
        var other = (await queue.RequestAsync(new QueueRequest("v_other", "Other", null)).WaitAsync(Timeout)).Value!;
        await agent.Node.WaitUntilAsync(() => Rings(agent.Node, other.TicketId) == 1, "the other viewer's ring");
        await queue.LeaveAsync("v_other").WaitAsync(Timeout);

        fixture.Time.Advance(TimeSpan.FromSeconds(ClusterFixture.DeclineCooldownSeconds - 1));
        var still = (await queue.GetEntriesAsync()).Single();
        still.OfferedTo.ShouldBeNull("a second before the cool-down ends the agent is still not rung");
        Rings(agent.Node, declined.TicketId).ShouldBe(1);

        fixture.Time.Advance(TimeSpan.FromSeconds(2));
        await agent.Node.WaitUntilAsync(() => Rings(agent.Node, declined.TicketId) == 2, "the ring once the cool-down is over");
        (await queue.GetEntriesAsync()).Single().OfferedTo.ShouldBe(agent.Id);

        // Declined again, the viewer may still be taken by hand meanwhile.
        await queue.DeclineAsync(agent.Id, declined.TicketId).WaitAsync(Timeout);
        (await queue.GetEntriesAsync()).Single().OfferedTo.ShouldBeNull();
        var call = await queue.AcceptAsync(await ViewAsync(agent.Id), declined.TicketId).WaitAsync(Timeout);
        call.IsSuccess.ShouldBeTrue();
        (await queue.GetEntriesAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task TheCallsSomeoneIsStillInAreFoundForTheirNewConnectionWithTheRecordingStateUntilTheCallEnds()
    {
        var roomId = await CreateRoomAsync();
        var agent = await AgentAsync(roomId, available: true, capacity: 1);
        var queue = Grains.CallQueue(roomId);
        var ticket = (await queue.RequestAsync(new QueueRequest("v_reload", "Reload", null)).WaitAsync(Timeout)).Value!;
        var info = (await queue.AcceptAsync(await ViewAsync(agent.Id), ticket.TicketId).WaitAsync(Timeout)).Value!;
        var call = Grains.Call(info.CallId);
        info.Resumed.ShouldBeFalse("a call that starts is not resumed");

        (await queue.CallsOfAsync("v_reload").WaitAsync(Timeout)).ShouldBe([info.CallId]);
        (await queue.CallsOfAsync("v_someone_else")).ShouldBeEmpty();
        (await Grains.Agent(agent.Id).GetCallsAsync().WaitAsync(Timeout)).ShouldBe([info.CallId]);
        (await call.RequestRecordingAsync(agent.Id).WaitAsync(Timeout)).IsSuccess.ShouldBeTrue();

        var forViewer = (await call.ResumptionForAsync("v_reload").WaitAsync(Timeout)).ShouldNotBeNull();
        forViewer.Call.Resumed.ShouldBeTrue();
        forViewer.Call.CallId.ShouldBe(info.CallId);
        forViewer.Call.Initiator.ShouldBe(agent.Id);
        forViewer.Call.Participants.Select(p => p.Id).ShouldBe([agent.Id, "v_reload"]);
        forViewer.Recording.State.ShouldBe(RecordingState.Requested);
        forViewer.Recording.Pending.ShouldBe(["v_reload"], "the consent the viewer has to give again on the new page");
        (await call.ResumptionForAsync(agent.Id)).ShouldNotBeNull().Recording.RequestedBy.ShouldBe(agent.Id);
        (await call.ResumptionForAsync("v_stranger")).ShouldBeNull("a stranger is told of no call");

        (await call.EndAsync("v_reload", CallEndReasons.Hangup).WaitAsync(Timeout)).IsSuccess.ShouldBeTrue();

        (await call.ResumptionForAsync("v_reload")).ShouldBeNull("an ended call is not brought back");
        // The call told its queue before it answered the hang-up, so the queue knows by the time it is asked.
        (await queue.CallsOfAsync("v_reload").WaitAsync(Timeout)).ShouldBeEmpty();
        (await Grains.Agent(agent.Id).GetCallsAsync()).ShouldBeEmpty();
    }

    private static int Rings(RecordingObserver node, string ticketId) => node.Personal.Count(p => p.Event is CallOffer o && o.TicketId == ticketId);

    [Fact]
    public async Task LeavingTellsTheViewerAndMovesEveryoneBehindUp()
    {
        var roomId = await CreateRoomAsync();
        await AgentAsync(roomId, available: true, capacity: 1, busyWith: "c_busy");
        var queue = Grains.CallQueue(roomId);
        var (firstNode, firstRef) = Observer();
        var (secondNode, secondRef) = Observer();
        await Grains.Presence("v_first").UpdateNodeAsync("node", firstRef, 1);
        await Grains.Presence("v_second").UpdateNodeAsync("node", secondRef, 1);
        await queue.RequestAsync(new QueueRequest("v_first", "First", null)).WaitAsync(Timeout);
        fixture.Time.Advance(TimeSpan.FromSeconds(1));
        (await queue.RequestAsync(new QueueRequest("v_second", "Second", null)).WaitAsync(Timeout)).Value!.Position.ShouldBe(2);

        await queue.LeaveAsync("v_first").WaitAsync(Timeout);

        await firstNode.WaitUntilAsync(() => firstNode.Personal.Any(p => p.Event is QueueStatus { State: TicketState.Gone, Reason: "left" }), "the leaver's last status");
        await secondNode.WaitUntilAsync(() => secondNode.Personal.Any(p => p.Event is QueueStatus { Position: 1 }), "position 1");
        (await queue.GetTicketAsync("v_first")).ShouldBeNull();
    }

    [Fact]
    public async Task AViewerWhoDroppedKeepsTheirPlaceForTheGracePeriodOnly()
    {
        var roomId = await CreateRoomAsync();
        await AgentAsync(roomId, available: true, capacity: 1, busyWith: "c_busy");
        var queue = Grains.CallQueue(roomId);
        var (backNode, backRef) = Observer();
        var (goneNode, goneRef) = Observer();
        await Grains.Presence("v_back").UpdateNodeAsync("node", backRef, 1);
        await Grains.Presence("v_gone").UpdateNodeAsync("node", goneRef, 1);
        await queue.RequestAsync(new QueueRequest("v_back", "Back", null)).WaitAsync(Timeout);
        await queue.RequestAsync(new QueueRequest("v_gone", "Gone", null)).WaitAsync(Timeout);

        await queue.ViewerAwayAsync("v_back");
        await queue.ViewerAwayAsync("v_gone");
        await backNode.WaitUntilAsync(() => backNode.Personal.Any(p => p.Event is QueueStatus { State: TicketState.Away }), "the first ticket away");
        await goneNode.WaitUntilAsync(() => goneNode.Personal.Any(p => p.Event is QueueStatus { State: TicketState.Away }), "the second ticket away");
        fixture.Time.Advance(TimeSpan.FromSeconds(ClusterFixture.ReconnectGraceSeconds - 5));
        await queue.ViewerBackAsync("v_back");
        await backNode.WaitUntilAsync(
            () => backNode.Personal.Select(p => p.Event).OfType<QueueStatus>().SkipWhile(s => s.State != TicketState.Away).Any(s => s.State == TicketState.Waiting),
            "the viewer waiting again");
        fixture.Time.Advance(TimeSpan.FromSeconds(10));

        await goneNode.WaitUntilAsync(() => goneNode.Personal.Any(p => p.Event is QueueStatus { State: TicketState.Gone, Reason: "expired" }), "the away ticket to expire");
        (await queue.GetTicketAsync("v_gone")).ShouldBeNull();
        var back = await queue.GetTicketAsync("v_back");
        back!.State.ShouldBe(TicketState.Waiting);
        back.Position.ShouldBe(1);
    }

    [Fact]
    public async Task TicketsSurviveTheQueueBeingCollected()
    {
        var roomId = await CreateRoomAsync();
        await AgentAsync(roomId, available: true, capacity: 1, busyWith: "c_busy");
        var queue = Grains.CallQueue(roomId);
        await queue.RequestAsync(new QueueRequest("v_patient", "Patient", "mortgage")).WaitAsync(Timeout);
        var before = await queue.GetEntriesAsync();

        await Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero).WaitAsync(Timeout);

        var after = await queue.GetEntriesAsync().WaitAsync(Timeout);
        after.Single().TicketId.ShouldBe(before.Single().TicketId);
        after.Single().Topic.ShouldBe("mortgage");
    }

    [Fact]
    public async Task WhenTheRoomEndsTheWaitingViewersAreToldAndNobodyNewQueues()
    {
        var roomId = await CreateRoomAsync();
        await AgentAsync(roomId, available: true, capacity: 1, busyWith: "c_busy");
        var queue = Grains.CallQueue(roomId);
        var (node, reference) = Observer();
        await Grains.Presence("v_late_show").UpdateNodeAsync("node", reference, 1);
        await queue.RequestAsync(new QueueRequest("v_late_show", "Late", null)).WaitAsync(Timeout);

        await Grains.Room(roomId).EndAsync().WaitAsync(Timeout);
        fixture.Time.Advance(TimeSpan.FromSeconds(16));

        await node.WaitUntilAsync(() => node.Personal.Any(p => p.Event is QueueStatus { State: TicketState.Gone, Reason: "room_ended" }), "the viewer told the room ended");
        (await queue.GetEntriesAsync()).ShouldBeEmpty();
        (await queue.RequestAsync(new QueueRequest("v_after", "After", null))).Refusal!.Code.ShouldBe(RefusalCode.RoomEnded);
    }

    [Fact]
    public async Task WaitEstimatesAreRangesThatGrowWithThePosition()
    {
        var roomId = await CreateRoomAsync();
        await AgentAsync(roomId, available: true, capacity: 1, busyWith: "c_busy");
        var queue = Grains.CallQueue(roomId);
        var first = (await queue.RequestAsync(new QueueRequest("v_e1", "E1", null))).Value!;
        var second = (await queue.RequestAsync(new QueueRequest("v_e2", "E2", null))).Value!;

        first.EstimatedWait.ShouldNotBeNull();
        first.EstimatedWait.MinSeconds.ShouldBeLessThan(first.EstimatedWait.MaxSeconds);
        second.EstimatedWait!.MaxSeconds.ShouldBeGreaterThan(first.EstimatedWait.MaxSeconds);
        first.EstimatedWaitSeconds.ShouldBe(first.EstimatedWait.Middle);
    }

    private async Task<string> CreateRoomAsync()
    {
        var roomId = RoomIds.NewRoomId();
        (await Grains.Room(roomId).CreateAsync(new CreateRoomCommand("calls", null, null, "u_host")).WaitAsync(Timeout)).IsSuccess.ShouldBeTrue();
        return roomId;
    }

    /// <summary>An agent who serves the room, connected through a recording node; optionally already in a call.</summary>
    private async Task<(string Id, RecordingObserver Node)> AgentAsync(string roomId, bool available, int capacity, string? busyWith = null, string? id = null)
    {
        id ??= "u_" + Guid.NewGuid().ToString("N")[..12];
        var (node, reference) = Observer();
        await Grains.Presence(id).UpdateNodeAsync("node-" + id, reference, 1).WaitAsync(Timeout);
        var agent = Grains.Agent(id);
        (await agent.SetAvailabilityAsync("Agent " + id, available, capacity).WaitAsync(Timeout)).IsSuccess.ShouldBeTrue();
        if (busyWith is not null) (await agent.ReserveAsync(busyWith).WaitAsync(Timeout)).IsSuccess.ShouldBeTrue();
        var view = await agent.WatchAsync(roomId, "Agent " + id, watching: true);
        await Grains.CallQueue(roomId).WatchAsync(view).WaitAsync(Timeout);
        return (id, node);
    }

    private Task<AgentView> ViewAsync(string agentId) => Grains.Agent(agentId).GetViewAsync(string.Empty);

    private (RecordingObserver Node, INodeObserver Reference) Observer()
    {
        var node = new RecordingObserver();
        return (node, fixture.Client.CreateObjectReference<INodeObserver>(node));
    }
}
