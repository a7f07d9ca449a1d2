using LiveRoom.Contracts.Common;
using Orleans.Concurrency;

namespace LiveRoom.Contracts.Calls;

/// <summary>
/// A room's pull-aside queue (key: room id): the waiting tickets in order (VIP first, then the longest
/// waiting), the agents who serve it, offers to free agents, and the atomic hand-over of a viewer to an agent.
/// Tickets are durable: a restart keeps the queue.
/// </summary>
[Alias("LiveRoom.ICallQueueGrain")]
public interface ICallQueueGrain : IGrainWithStringKey
{
    /// <summary>Joins the queue, or returns the viewer's ticket when they are in it already.</summary>
    [Alias("Request")]
    Task<Outcome<CallTicket>> RequestAsync(QueueRequest request);

    [Alias("Leave")]
    Task LeaveAsync(string viewerId);

    /// <summary>The viewer's last connection in the room dropped: their ticket keeps its place for the grace period.</summary>
    [OneWay, Alias("ViewerAway")]
    Task ViewerAwayAsync(string viewerId);

    /// <summary>The viewer (re)joined the room: an away ticket is waiting again.</summary>
    [OneWay, Alias("ViewerBack")]
    Task ViewerBackAsync(string viewerId);

    /// <summary>The viewer's ticket, if they have one in this queue.</summary>
    [Alias("GetTicket")]
    Task<CallTicket?> GetTicketAsync(string viewerId);

    /// <summary>An agent serves this queue from now on; returns the entries.</summary>
    [Alias("Watch")]
    Task<IReadOnlyList<QueueEntry>> WatchAsync(AgentView agent);

    [Alias("Unwatch")]
    Task UnwatchAsync(string agentId);

    /// <summary>An agent who serves this queue changed availability, capacity or load.</summary>
    [OneWay, Alias("AgentChanged")]
    Task AgentChangedAsync(AgentView agent);

    /// <summary>Gives the ticket (or the next one) to the agent: atomic, never two agents for one viewer.</summary>
    [Alias("Accept")]
    Task<Outcome<CallInfo>> AcceptAsync(AgentView agent, string? ticketId);

    [Alias("Decline")]
    Task DeclineAsync(string agentId, string ticketId);

    [Alias("SetVip")]
    Task<Outcome<QueueEntry>> SetVipAsync(string ticketId, bool vip);

    /// <summary>Staff open or close the queue; closed, nobody new may join (those waiting are still taken). Returns whether it is open.</summary>
    [Alias("SetOpen")]
    Task<bool> SetOpenAsync(bool open);

    [Alias("IsOpen")]
    Task<bool> IsOpenAsync();

    [Alias("GetEntries")]
    Task<IReadOnlyList<QueueEntry>> GetEntriesAsync();

    /// <summary>The calls taken from this queue that <paramref name="viewerId"/> is still in (to bring them back to a reloaded page).</summary>
    [ReadOnly, Alias("CallsOf")]
    Task<IReadOnlyList<string>> CallsOfAsync(string viewerId);

    /// <summary>Call <paramref name="callId"/> from this queue ended after <paramref name="handleSeconds"/>: it feeds the wait estimates.</summary>
    [OneWay, Alias("CallFinished")]
    Task CallFinishedAsync(string callId, int handleSeconds);
}
