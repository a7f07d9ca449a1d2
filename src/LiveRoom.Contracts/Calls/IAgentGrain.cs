using LiveRoom.Contracts.Common;
using Orleans.Concurrency;

namespace LiveRoom.Contracts.Calls;

/// <summary>
/// One staff user as an agent (key: user id): available or away, how many calls at once, the calls in
/// progress, the rooms whose queues they serve, and what of those queues they see.
/// </summary>
[Alias("LiveRoom.IAgentGrain")]
public interface IAgentGrain : IGrainWithStringKey
{
    [Alias("SetAvailability")]
    Task<Outcome<AgentView>> SetAvailabilityAsync(string displayName, bool available, int capacity);

    [Alias("GetView")]
    Task<AgentView> GetViewAsync(string displayName);

    /// <summary>Serve (or stop serving) <paramref name="roomId"/>'s queue.</summary>
    [Alias("Watch")]
    Task<AgentView> WatchAsync(string roomId, string displayName, bool watching);

    /// <summary>Takes one unit of capacity for <paramref name="callId"/>: refused when away or at capacity.</summary>
    [Alias("Reserve")]
    Task<Outcome<AgentView>> ReserveAsync(string callId);

    /// <summary>The calls this agent holds capacity for now: the calls they are in.</summary>
    [ReadOnly, Alias("GetCalls")]
    Task<IReadOnlyList<string>> GetCallsAsync();

    /// <summary>The call is over: its capacity is free again.</summary>
    [Alias("Release")]
    Task ReleaseAsync(string callId);

    /// <summary>A watched room's waiting entries changed.</summary>
    [OneWay, Alias("QueueChanged")]
    Task QueueChangedAsync(string roomId, IReadOnlyList<QueueEntry> entries);
}
