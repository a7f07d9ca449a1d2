using LiveRoom.Contracts.Calls;

namespace LiveRoom.Server.Hubs;

/// <summary>The events of private calls (docs/CALLS.md); each goes to one person's connections only.</summary>
public partial interface IRoomClient
{
    /// <summary>A waiting viewer's position, estimate or state changed.</summary>
    Task queue(QueueStatus status);

    /// <summary>Every waiting entry of every room the agent serves.</summary>
    Task callQueue(QueueEntry[] entries);

    /// <summary>Staff closed or opened the call queue of a room the agent serves.</summary>
    Task callQueueOpen(QueueOpenChanged changed);

    /// <summary>The next viewer is offered to this agent (a ring).</summary>
    Task callOffer(CallOffer offer);

    /// <summary>The agent's own availability or load changed.</summary>
    Task agentStatus(AgentStatus status);

    Task callStarted(CallInfo call);

    Task signal(CallSignal signal);

    Task callEnded(CallEnded ended);

    /// <summary>The call's participants changed (an agent joined or left).</summary>
    Task callUpdated(CallInfo call);

    /// <summary>Another agent asks this agent into their call.</summary>
    Task callInvite(CallInvite invite);

    /// <summary>The call's recording: asked, agreed, running or stopped.</summary>
    Task recordingState(CallRecordingStatus status);
}
