using LiveRoom.Contracts.Calls;

namespace LiveRoom.Server.Hubs;

/// <summary>The events of private calls (docs/CALLS.md); each goes to one person's connections only.</summary>
public partial interface IRoomClient
{
    /// <summary>A waiting viewer's position, estimate or state changed.</summary>
    Task queue(QueueStatus status);

    /// <summary>Every waiting entry of every room the agent serves.</summary>
    Task callQueue(QueueEntry[] entries);

    /// <summary>The next viewer is offered to this agent (a ring).</summary>
    Task callOffer(CallOffer offer);

    /// <summary>The agent's own availability or load changed.</summary>
    Task agentStatus(AgentStatus status);

    Task callStarted(CallInfo call);

    Task signal(CallSignal signal);

    Task callEnded(CallEnded ended);
}
