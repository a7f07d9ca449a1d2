using LiveRoom.Contracts.Calls;
using LiveRoom.Contracts.Common;

namespace LiveRoom.Grains.Calls;

/// <summary>
/// Three-party calls: an agent invites a colleague, who joins with their own capacity. The media is a mesh:
/// the newcomer offers to each participant already in the call. An agent who hangs up while another agent
/// stays leaves the call; it goes on.
/// </summary>
public sealed partial class CallGrain
{
    /// <summary>A viewer and two agents.</summary>
    public const int MaxParticipants = 3;

    public async Task<Outcome<bool>> InviteAsync(string personId, AgentView invited)
    {
        if (CheckActive(personId) is { } refusal) return Outcome<bool>.From(refusal);
        var inviter = Participant(personId);
        if (inviter.Role != CallRole.Agent) return Outcome<bool>.From(CallRefusals.OnlyAgentsInvite);
        if (Current().Any(p => p.Id == invited.AgentId)) return Outcome<bool>.From(CallRefusals.AlreadyInCall);
        if (Current().Count() >= MaxParticipants) return Outcome<bool>.From(CallRefusals.CallFull(MaxParticipants));
        if (!invited.Status.HasRoom || !await GrainFactory.Presence(invited.AgentId).IsOnlineAsync()) return Outcome<bool>.From(CallRefusals.AgentUnavailable);
        var s = state.State;
        if (!s.Invited.Contains(invited.AgentId))
        {
            s.Invited.Add(invited.AgentId);
            await state.WriteStateAsync();
        }

        _ = GrainFactory.Presence(invited.AgentId).SendAsync(new CallInvite(CallId, s.RoomId, inviter, [.. Current()]));
        Log.Invited(logger, CallId, personId, invited.AgentId);
        return Outcome<bool>.Ok(true);
    }

    public async Task<Outcome<CallInfo>> JoinAsync(AgentView agent)
    {
        var s = state.State;
        if (!s.Exists) return Outcome<CallInfo>.From(CallRefusals.CallNotFound);
        if (s.EndedAt is not null) return Outcome<CallInfo>.From(CallRefusals.CallEnded);
        if (Current().Any(p => p.Id == agent.AgentId)) return Outcome<CallInfo>.Ok(Info());
        if (!s.Invited.Contains(agent.AgentId)) return Outcome<CallInfo>.From(CallRefusals.NotInvited);
        if (Current().Count() >= MaxParticipants) return Outcome<CallInfo>.From(CallRefusals.CallFull(MaxParticipants));

        s.Invited.Remove(agent.AgentId);
        s.Left.Remove(agent.AgentId);
        if (!s.Participants.Any(p => p.Id == agent.AgentId)) s.Participants.Add(new CallParticipant(agent.AgentId, agent.DisplayName, CallRole.Agent));
        await state.WriteStateAsync();
        await records.SaveCallAsync(Record());
        Log.Joined(logger, CallId, agent.AgentId);
        var info = Info();
        _ = GrainFactory.Presence(agent.AgentId).SendAsync(new CallStarted(info));
        foreach (var participant in Current().Where(p => p.Id != agent.AgentId))
        {
            _ = GrainFactory.Presence(participant.Id).SendAsync(new CallUpdated(info));
        }

        // Nobody is recorded without having agreed: a newcomer stops the recording until it is asked again.
        if (s.Recording is RecordingState.Requested or RecordingState.Recording) await StopRecordingCoreAsync($"{agent.AgentId} joined");
        return Outcome<CallInfo>.Ok(info);
    }

    /// <summary>An agent leaves a call another agent stays in: the call goes on without them.</summary>
    private async Task LeaveAsync(CallParticipant leaver, string reason)
    {
        var s = state.State;
        s.Left.Add(leaver.Id);
        await state.WriteStateAsync();
        Back(leaver.Id);
        Log.LeftCall(logger, CallId, leaver.Id, reason);
        _ = GrainFactory.Presence(leaver.Id).SendAsync(new CallEnded(CallId, reason));
        await GrainFactory.Agent(leaver.Id).ReleaseAsync(CallId);
        var info = Info();
        foreach (var participant in Current()) _ = GrainFactory.Presence(participant.Id).SendAsync(new CallUpdated(info));
        if (s.RecordingRequestedBy == leaver.Id && s.Recording is RecordingState.Requested or RecordingState.Recording)
        {
            await StopRecordingCoreAsync($"{leaver.Id} left");
        }
    }
}
