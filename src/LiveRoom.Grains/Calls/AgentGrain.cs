using LiveRoom.Contracts.Calls;
using LiveRoom.Contracts.Common;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LiveRoom.Grains.Calls;

/// <summary>
/// One staff user as an agent (see <see cref="IAgentGrain"/>). It never waits on a queue (queues wait on it
/// when they reserve capacity): it tells the queues it serves about changes one-way.
/// </summary>
public sealed partial class AgentGrain(
    [PersistentState("agent", GrainStorage.Name)] IPersistentState<AgentState> state,
    IOptions<CallOptions> options,
    ILogger<AgentGrain> logger) : Grain, IAgentGrain
{
    private readonly Dictionary<string, IReadOnlyList<QueueEntry>> _queues = new(StringComparer.Ordinal);
    private string _displayName = string.Empty;

    private string AgentId => this.GetPrimaryKeyString();

    public async Task<Outcome<AgentView>> SetAvailabilityAsync(string displayName, bool available, int capacity)
    {
        _displayName = displayName;
        if (capacity < 1 || capacity > options.Value.MaxAgentCapacity) return Outcome<AgentView>.From(CallRefusals.Capacity(options.Value.MaxAgentCapacity));
        state.State.Available = available;
        state.State.Capacity = capacity;
        await state.WriteStateAsync();
        Log.Availability(logger, AgentId, available, capacity);
        return Outcome<AgentView>.Ok(Announce());
    }

    public Task<AgentView> GetViewAsync(string displayName)
    {
        if (displayName.Length > 0) _displayName = displayName;
        return Task.FromResult(View());
    }

    public async Task<AgentView> WatchAsync(string roomId, string displayName, bool watching)
    {
        _displayName = displayName;
        var rooms = state.State.WatchedRooms;
        if (watching && !rooms.Contains(roomId))
        {
            rooms.Add(roomId);
            await state.WriteStateAsync();
        }
        else if (!watching && rooms.Remove(roomId))
        {
            await state.WriteStateAsync();
            _queues.Remove(roomId);
            SendQueue();
        }

        return View();
    }

    public async Task<Outcome<AgentView>> ReserveAsync(string callId)
    {
        var s = state.State;
        if (!s.Available) return Outcome<AgentView>.From(CallRefusals.NotAvailable);
        if (s.ActiveCalls.Contains(callId)) return Outcome<AgentView>.Ok(View());
        if (s.ActiveCalls.Count >= s.Capacity) return Outcome<AgentView>.From(CallRefusals.AtCapacity);
        s.ActiveCalls.Add(callId);
        await state.WriteStateAsync();
        return Outcome<AgentView>.Ok(Announce());
    }

    public Task<IReadOnlyList<string>> GetCallsAsync() => Task.FromResult<IReadOnlyList<string>>([.. state.State.ActiveCalls]);

    public async Task ReleaseAsync(string callId)
    {
        if (!state.State.ActiveCalls.Remove(callId)) return;
        await state.WriteStateAsync();
        Announce();
    }

    public Task QueueChangedAsync(string roomId, IReadOnlyList<QueueEntry> entries)
    {
        if (!state.State.WatchedRooms.Contains(roomId)) return Task.CompletedTask;
        _queues[roomId] = entries;
        SendQueue();
        return Task.CompletedTask;
    }

    private AgentView View()
    {
        var s = state.State;
        return new AgentView(AgentId, _displayName, new AgentStatus(AgentId, s.Available, s.Capacity, s.ActiveCalls.Count));
    }

    /// <summary>Tells the agent's own connections and every queue they serve what changed.</summary>
    private AgentView Announce()
    {
        var view = View();
        _ = GrainFactory.Presence(AgentId).SendAsync(view.Status);
        _ = GrainFactory.GetGrain<IAgentDirectoryGrain>(0).ReportAsync(view);
        foreach (var roomId in state.State.WatchedRooms)
        {
            _ = GrainFactory.CallQueue(roomId).AgentChangedAsync(view);
        }

        return view;
    }

    private void SendQueue()
    {
        var entries = state.State.WatchedRooms
            .Where(_queues.ContainsKey)
            .SelectMany(room => _queues[room])
            .ToArray();
        _ = GrainFactory.Presence(AgentId).SendAsync(new CallQueueChanged(entries));
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 9211, Level = LogLevel.Information, Message = "Agent {AgentId}: available {Available}, {Capacity} calls at once")]
        public static partial void Availability(ILogger logger, string agentId, bool available, int capacity);
    }
}
