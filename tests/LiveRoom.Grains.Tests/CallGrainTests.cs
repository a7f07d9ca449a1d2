using LiveRoom.Contracts.Calls;
using LiveRoom.Contracts.Common;
using LiveRoom.Contracts.Delivery;
using LiveRoom.Contracts.Jobs;
using LiveRoom.Contracts.Recordings;
using Microsoft.Extensions.DependencyInjection;

namespace LiveRoom.Grains.Tests;

/// <summary>One call: recording only with everyone's consent, and a second agent joining and leaving.</summary>
public sealed class CallGrainTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    private const string ConsentText = "This call will be recorded. Do you agree?";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    private IGrainFactory Grains => fixture.Client;

    [Fact]
    public async Task RecordingStartsOnlyWhenEveryoneAgreedAndStopsWhenAnyoneWithdraws()
    {
        var (call, agent, viewer, second) = await ThreePartyCallAsync();

        var requested = (await call.RequestRecordingAsync(agent.Id).WaitAsync(Timeout)).Value!;
        requested.State.ShouldBe(RecordingState.Requested);
        requested.Pending.ShouldBe([viewer.Id, second.Id], ignoreOrder: true);
        (await call.CanUploadRecordingAsync(agent.Id)).Refusal!.Code.ShouldBe(RefusalCode.NotRecording);
        await viewer.Node.WaitUntilAsync(() => Statuses(viewer).Any(s => s.State == RecordingState.Requested), "the viewer asked");

        (await call.AnswerRecordingAsync(viewer.Id, true, ConsentText)).Value!.State.ShouldBe(RecordingState.Requested, "one answer is still missing");
        (await call.CanUploadRecordingAsync(agent.Id)).IsSuccess.ShouldBeFalse();
        var running = (await call.AnswerRecordingAsync(second.Id, true, ConsentText)).Value!;

        running.State.ShouldBe(RecordingState.Recording);
        running.Take.ShouldBe(1);
        (await call.CanUploadRecordingAsync(agent.Id)).IsSuccess.ShouldBeTrue();
        (await call.CanUploadRecordingAsync(viewer.Id)).IsSuccess.ShouldBeFalse("only the agent who asked records");
        (await call.AnswerRecordingAsync(agent.Id, true, ConsentText)).Refusal!.Code.ShouldBe(RefusalCode.Invalid);

        var stopped = (await call.StopRecordingAsync(viewer.Id)).Value!;
        stopped.State.ShouldBe(RecordingState.Stopped);
        (await call.CanUploadRecordingAsync(agent.Id)).IsSuccess.ShouldBeTrue("the recorder's last piece may follow for a few seconds");
        fixture.Time.Advance(TimeSpan.FromSeconds(6));
        (await call.CanUploadRecordingAsync(agent.Id)).IsSuccess.ShouldBeFalse("then the take is closed");
        await second.Node.WaitUntilAsync(() => Statuses(second).Any(s => s.State == RecordingState.Stopped), "the stop reaching everyone");

        var consents = await fixture.Cluster.Silos[0].ServiceProvider.GetRequiredService<ICallRecords>().LoadConsentsAsync(call.GetPrimaryKeyString());
        consents.Select(c => (c.ParticipantId, c.Agreed, c.Text)).ShouldBe([(viewer.Id, true, ConsentText), (second.Id, true, ConsentText)]);
    }

    [Fact]
    public async Task ADeclineMeansNoRecordingAndANewcomerStopsARunningOne()
    {
        var (call, agent, viewer) = await TwoPartyCallAsync();
        await call.RequestRecordingAsync(agent.Id);
        (await call.AnswerRecordingAsync(viewer.Id, false, ConsentText)).Value!.State.ShouldBe(RecordingState.Stopped);
        (await call.CanUploadRecordingAsync(agent.Id)).IsSuccess.ShouldBeFalse();

        await call.RequestRecordingAsync(agent.Id);
        (await call.AnswerRecordingAsync(viewer.Id, true, ConsentText)).Value!.State.ShouldBe(RecordingState.Recording);
        var second = await AgentAsync();
        (await call.InviteAsync(agent.Id, await ViewAsync(second.Id))).IsSuccess.ShouldBeTrue();
        await JoinAsync(call, second.Id);

        fixture.Time.Advance(TimeSpan.FromSeconds(6));
        (await call.CanUploadRecordingAsync(agent.Id)).IsSuccess.ShouldBeFalse("the newcomer has not agreed");
        await viewer.Node.WaitUntilAsync(() => Statuses(viewer).LastOrDefault()?.State == RecordingState.Stopped, "the recording stopped for the newcomer");
    }

    [Fact]
    public async Task OnlyACallThatWasRecordedLeavesWorkForTheRecordingJobWhenItEnds()
    {
        var outbox = fixture.Cluster.Silos[0].ServiceProvider.GetRequiredService<IJobOutbox>();
        var (recorded, agent, viewer) = await TwoPartyCallAsync();
        await recorded.RequestRecordingAsync(agent.Id);
        await recorded.AnswerRecordingAsync(viewer.Id, true, ConsentText);
        await recorded.StopRecordingAsync(viewer.Id);
        var (unrecorded, otherAgent, otherViewer) = await TwoPartyCallAsync();
        await unrecorded.RequestRecordingAsync(otherAgent.Id);
        await unrecorded.AnswerRecordingAsync(otherViewer.Id, false, ConsentText);

        await recorded.EndAsync(viewer.Id, CallEndReasons.Hangup).WaitAsync(Timeout);
        await unrecorded.EndAsync(otherViewer.Id, CallEndReasons.Hangup).WaitAsync(Timeout);

        var pending = await outbox.PendingAsync().WaitAsync(Timeout);
        pending.ShouldContain(e => e.Kind == RecordingJobs.Call && e.Subject == recorded.GetPrimaryKeyString(), "a take was recorded");
        pending.ShouldNotContain(e => e.Subject == unrecorded.GetPrimaryKeyString(), "nothing was recorded");
    }

    [Fact]
    public async Task AnInvitedAgentJoinsSignalsReachOnlyWhomTheyNameAndTheCallGoesOnWhenAnAgentLeaves()
    {
        var (call, agent, viewer, second) = await ThreePartyCallAsync();
        var info = (await call.GetAsync(viewer.Id)).Value!;
        info.Participants.Select(p => p.Id).ShouldBe([agent.Id, viewer.Id, second.Id]);
        await agent.Node.WaitUntilAsync(() => agent.Node.Personal.Any(p => p.Event is CallUpdated u && u.Call.Participants.Count == 3), "the first agent told of the newcomer");

        (await call.SignalAsync(second.Id, new SignalMessage("offer", "v=0\r\n", viewer.Id))).IsSuccess.ShouldBeTrue();
        await viewer.Node.WaitUntilAsync(() => viewer.Node.Personal.Any(p => p.Event is CallSignal { Type: "offer" }), "the newcomer's offer to the viewer");
        (await call.SignalAsync(second.Id, new SignalMessage("offer", "v=0\r\n", agent.Id))).IsSuccess.ShouldBeTrue();
        await agent.Node.WaitUntilAsync(() => agent.Node.Personal.Any(p => p.Event is CallSignal { Type: "offer" }), "the newcomer's offer to the agent");
        viewer.Node.Personal.Count(p => p.Event is CallSignal).ShouldBe(1, "a signal for the agent does not reach the viewer");

        (await call.EndAsync(second.Id, CallEndReasons.Hangup)).IsSuccess.ShouldBeTrue();

        await second.Node.WaitUntilAsync(() => second.Node.Personal.Any(p => p.Event is CallEnded { Reason: CallEndReasons.Left }), "the leaver told");
        (await call.GetAsync(viewer.Id)).Value!.Participants.Count.ShouldBe(2);
        (await call.SignalAsync(second.Id, new SignalMessage("offer", "v=0\r\n"))).Refusal!.Code.ShouldBe(RefusalCode.NotParticipant);
        (await Grains.Agent(second.Id).GetViewAsync(string.Empty)).Status.ActiveCalls.ShouldBe(0, "the leaver's capacity is free again");
        viewer.Node.Personal.Any(p => p.Event is CallEnded).ShouldBeFalse();

        await call.EndAsync(viewer.Id, CallEndReasons.Hangup);
        await agent.Node.WaitUntilAsync(() => agent.Node.Personal.Any(p => p.Event is CallEnded { Reason: CallEndReasons.Hangup }), "the end");
    }

    [Fact]
    public async Task NobodyJoinsACallUninvitedAndACallHasAtMostThreePeople()
    {
        var (call, agent, _, second) = await ThreePartyCallAsync();
        var stranger = await AgentAsync();

        (await call.JoinAsync(await ViewAsync(stranger.Id))).Refusal!.Code.ShouldBe(RefusalCode.NotAllowed);
        (await call.InviteAsync(agent.Id, await ViewAsync(stranger.Id))).Refusal!.Code.ShouldBe(RefusalCode.CallFull);
        (await call.InviteAsync(second.Id, await ViewAsync(agent.Id))).Refusal!.Code.ShouldBe(RefusalCode.AlreadyDone);
    }

    private static CallRecordingStatus[] Statuses((string Id, RecordingObserver Node) person) =>
        [.. person.Node.Personal.Select(p => p.Event).OfType<CallRecordingStatus>()];

    private async Task<(ICallGrain Call, (string Id, RecordingObserver Node) Agent, (string Id, RecordingObserver Node) Viewer)> TwoPartyCallAsync()
    {
        var agent = await AgentAsync();
        var viewer = await PersonAsync("v_");
        var callId = CallIds.NewCallId();
        (await Grains.Agent(agent.Id).ReserveAsync(callId)).IsSuccess.ShouldBeTrue();
        var call = Grains.Call(callId);
        await call.StartAsync(new CallSetup("r_calls", CallIds.NewTicketId(),
            [new CallParticipant(agent.Id, "Agent", CallRole.Agent), new CallParticipant(viewer.Id, "Viewer", CallRole.Viewer)],
            fixture.Time.GetUtcNow(), null)).WaitAsync(Timeout);
        return (call, agent, viewer);
    }

    private async Task<(ICallGrain Call, (string Id, RecordingObserver Node) Agent, (string Id, RecordingObserver Node) Viewer, (string Id, RecordingObserver Node) Second)> ThreePartyCallAsync()
    {
        var (call, agent, viewer) = await TwoPartyCallAsync();
        var second = await AgentAsync();
        (await call.InviteAsync(agent.Id, await ViewAsync(second.Id)).WaitAsync(Timeout)).IsSuccess.ShouldBeTrue();
        await second.Node.WaitUntilAsync(() => second.Node.Personal.Any(p => p.Event is CallInvite), "the invitation");
        await JoinAsync(call, second.Id);
        return (call, agent, viewer, second);
    }

    private async Task JoinAsync(ICallGrain call, string agentId)
    {
        var reserved = await Grains.Agent(agentId).ReserveAsync(call.GetPrimaryKeyString());
        (await call.JoinAsync(reserved.Value!).WaitAsync(Timeout)).IsSuccess.ShouldBeTrue();
    }

    private async Task<(string Id, RecordingObserver Node)> AgentAsync()
    {
        var agent = await PersonAsync("u_");
        (await Grains.Agent(agent.Id).SetAvailabilityAsync("Agent", true, 2).WaitAsync(Timeout)).IsSuccess.ShouldBeTrue();
        return agent;
    }

    private async Task<(string Id, RecordingObserver Node)> PersonAsync(string prefix)
    {
        var id = prefix + Guid.NewGuid().ToString("N")[..12];
        var node = new RecordingObserver();
        await Grains.Presence(id).UpdateNodeAsync("node-" + id, fixture.Client.CreateObjectReference<INodeObserver>(node), 1).WaitAsync(Timeout);
        return (id, node);
    }

    private Task<AgentView> ViewAsync(string agentId) => Grains.Agent(agentId).GetViewAsync("Agent " + agentId);
}
