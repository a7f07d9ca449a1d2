using LiveRoom.Contracts.Calls;
using LiveRoom.Contracts.Common;
using LiveRoom.Contracts.Engagement;
using LiveRoom.Contracts.Rooms;
using LiveRoom.Grains.Delivery;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LiveRoom.Grains.Calls;

/// <summary>
/// A room's pull-aside queue (see <see cref="ICallQueueGrain"/>). Tickets are stored before the viewer hears
/// they are in. What changed is sent in batches (at most one per publish interval): each waiting
/// viewer whose position, estimate or state moved gets a <c>queue</c> event, each agent who serves the room
/// the new entries. Accepting runs in one grain turn: the ticket is taken, the agent's capacity reserved and
/// the call started before anything else can touch the queue.
/// </summary>
public sealed partial class CallQueueGrain : Grain, ICallQueueGrain
{
    private const int HandleTimesKept = 20;

    private readonly IPersistentState<CallQueueState> _state;
    private readonly CallOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<CallQueueGrain> _logger;
    private readonly Dictionary<string, AgentView> _agents = new(StringComparer.Ordinal);
    private readonly Dictionary<string, QueueStatus> _lastSent = new(StringComparer.Ordinal);
    private readonly FrameBatcher _publisher;
    private IGrainTimer? _dueTimer;
    private bool _agentsDirty;

    public CallQueueGrain(
        [PersistentState("callqueue", GrainStorage.Name)] IPersistentState<CallQueueState> state,
        IOptions<CallOptions> options,
        TimeProvider time,
        ILogger<CallQueueGrain> logger)
    {
        _state = state;
        _options = options.Value;
        _time = time;
        _logger = logger;
        _publisher = new FrameBatcher(this, time, TimeSpan.FromMilliseconds(_options.PublishIntervalMilliseconds), Publish);
    }

    private string RoomId => this.GetPrimaryKeyString();

    private List<QueueTicket> Tickets => _state.State.Tickets;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // After a restart the viewers reconnect to their places; an offer that was ringing starts over.
        foreach (var ticket in Tickets.Where(t => t.State == TicketState.Offered)) WithdrawOffer(ticket);
        ArmDueTimer();
        // While anyone waits, the queue looks at its room now and then: when the room has ended, nobody is
        // taken aside any more, and the waiting viewers are told so (their page offers a call-back).
        this.RegisterGrainTimer(CloseIfRoomEndedAsync, new GrainTimerCreationOptions(RoomCheckInterval, RoomCheckInterval) { KeepAlive = false });
        return Task.CompletedTask;
    }

    private static readonly TimeSpan RoomCheckInterval = TimeSpan.FromSeconds(15);

    private async Task CloseIfRoomEndedAsync(CancellationToken cancellationToken)
    {
        if (Tickets.Count == 0) return;
        var room = await GrainFactory.Room(RoomId).GetDetailsAsync();
        if (room is not null && room.Info.Status != RoomStatus.Ended) return;
        foreach (var ticket in Tickets.ToArray())
        {
            Tickets.Remove(ticket);
            Finish(ticket, TicketState.Gone, "room_ended");
        }

        await _state.WriteStateAsync();
        Log.RoomEnded(_logger, RoomId);
        Changed();
    }

    public async Task<Outcome<CallTicket>> RequestAsync(QueueRequest request)
    {
        if (Find(request.ViewerId) is { } existing)
        {
            if (existing.State == TicketState.Away) await BackAsync(existing);
            return Outcome<CallTicket>.Ok(TicketOf(existing));
        }

        var room = await GrainFactory.Room(RoomId).GetDetailsAsync();
        if (room is null) return Outcome<CallTicket>.From(Refusals.RoomNotFound);
        if (room.Info.Status == RoomStatus.Ended) return Outcome<CallTicket>.From(Refusals.RoomEnded);
        var topic = string.IsNullOrWhiteSpace(request.Topic) ? null : request.Topic.Trim();
        if (topic is { Length: var length } && length > _options.MaxTopicLength) return Outcome<CallTicket>.From(Refusals.TooLong("topic", _options.MaxTopicLength));
        if (_state.State.Closed) return Outcome<CallTicket>.From(CallRefusals.QueueClosed);
        if (Tickets.Count >= _options.MaxQueueLength) return Outcome<CallTicket>.From(CallRefusals.QueueFull);
        if (!await AnyAgentOnlineAsync()) return Outcome<CallTicket>.From(CallRefusals.NoAgents);

        var ticket = new QueueTicket
        {
            Id = CallIds.NewTicketId(),
            Sequence = ++_state.State.LastSequence,
            ViewerId = request.ViewerId,
            DisplayName = request.DisplayName,
            Topic = topic,
            WaitingSince = _time.GetUtcNow(),
            State = TicketState.Waiting,
        };
        Tickets.Add(ticket);
        await _state.WriteStateAsync();
        Log.Queued(_logger, RoomId, request.ViewerId, ticket.Id, Tickets.Count);
        _ = GrainFactory.Viewer(RoomId, request.ViewerId).RecordAsync(EngagementKind.CallRequested, ticket.Id);
        await OfferNextAsync();
        Changed();
        var status = TicketOf(ticket);
        _lastSent[ticket.Id] = StatusOf(status, null);
        return Outcome<CallTicket>.Ok(status);
    }

    public async Task LeaveAsync(string viewerId)
    {
        if (Find(viewerId) is not { } ticket) return;
        await RemoveAsync(ticket, "left");
        Log.Left(_logger, RoomId, viewerId, ticket.Id);
        await OfferNextAsync();
    }

    public async Task ViewerAwayAsync(string viewerId)
    {
        if (Find(viewerId) is not { } ticket || ticket.State == TicketState.Away) return;
        if (ticket.State == TicketState.Offered) WithdrawOffer(ticket);
        ticket.State = TicketState.Away;
        ticket.AwaySince = _time.GetUtcNow();
        await _state.WriteStateAsync();
        ArmDueTimer();
        await OfferNextAsync();
        Changed();
    }

    public async Task ViewerBackAsync(string viewerId)
    {
        if (Find(viewerId) is { State: TicketState.Away } ticket) await BackAsync(ticket);
    }

    public Task<CallTicket?> GetTicketAsync(string viewerId) => Task.FromResult(Find(viewerId) is { } ticket ? TicketOf(ticket) : null);

    public async Task<IReadOnlyList<QueueEntry>> WatchAsync(AgentView agent)
    {
        _agents[agent.AgentId] = agent;
        await OfferNextAsync();
        Changed();
        return Entries();
    }

    public async Task UnwatchAsync(string agentId)
    {
        if (!_agents.Remove(agentId)) return;
        foreach (var ticket in Tickets.Where(t => t.OfferedTo == agentId)) WithdrawOffer(ticket);
        await OfferNextAsync();
        Changed();
    }

    public async Task AgentChangedAsync(AgentView agent)
    {
        if (!_agents.ContainsKey(agent.AgentId)) return;
        _agents[agent.AgentId] = agent;
        if (!agent.Status.HasRoom)
        {
            foreach (var ticket in Tickets.Where(t => t.OfferedTo == agent.AgentId)) WithdrawOffer(ticket);
        }

        await OfferNextAsync();
        Changed();
    }

    public async Task<Outcome<CallInfo>> AcceptAsync(AgentView agent, string? ticketId)
    {
        if (!agent.Status.Available) return Outcome<CallInfo>.From(CallRefusals.NotAvailable);
        if (agent.Status.ActiveCalls >= agent.Status.Capacity) return Outcome<CallInfo>.From(CallRefusals.AtCapacity);
        QueueTicket? ticket;
        if (ticketId is not null)
        {
            ticket = Tickets.FirstOrDefault(t => t.Id == ticketId);
            if (ticket is null) return Outcome<CallInfo>.From(CallRefusals.TicketGone);
            if (ticket.State == TicketState.Away) return Outcome<CallInfo>.From(CallRefusals.ViewerAway);
        }
        else
        {
            ticket = Ordered().FirstOrDefault(t => t.OfferedTo == agent.AgentId)
                ?? Ordered().FirstOrDefault(t => t.State == TicketState.Waiting);
            if (ticket is null) return Outcome<CallInfo>.From(CallRefusals.QueueEmpty);
        }

        // All in this turn: nobody else can take the ticket while the agent's capacity is reserved.
        var callId = CallIds.NewCallId();
        var reserved = await GrainFactory.Agent(agent.AgentId).ReserveAsync(callId);
        if (!reserved.IsSuccess) return Outcome<CallInfo>.From(reserved.Refusal!);
        CallInfo call;
        try
        {
            call = await GrainFactory.Call(callId).StartAsync(new CallSetup(
                RoomId,
                ticket.Id,
                [new CallParticipant(agent.AgentId, agent.DisplayName, CallRole.Agent), new CallParticipant(ticket.ViewerId, ticket.DisplayName, CallRole.Viewer)],
                ticket.WaitingSince,
                ticket.Topic));
        }
        catch
        {
            await GrainFactory.Agent(agent.AgentId).ReleaseAsync(callId);
            throw;
        }

        _agents[agent.AgentId] = reserved.Value!;
        Tickets.Remove(ticket);
        _state.State.CallsInProgress[callId] = ticket.ViewerId;
        await _state.WriteStateAsync();
        Finish(ticket, TicketState.Accepted, null);
        _ = GrainFactory.Viewer(RoomId, ticket.ViewerId).RecordAsync(EngagementKind.CallAccepted, callId);
        Log.Accepted(_logger, RoomId, ticket.Id, agent.AgentId, callId, (int)(_time.GetUtcNow() - ticket.WaitingSince).TotalSeconds);
        await OfferNextAsync();
        Changed();
        return Outcome<CallInfo>.Ok(call);
    }

    public async Task DeclineAsync(string agentId, string ticketId)
    {
        if (Tickets.FirstOrDefault(t => t.Id == ticketId && t.OfferedTo == agentId) is not { } ticket) return;
        WithdrawOffer(ticket);
        // Whoever declined is not rung for this viewer again for a while, even when nobody else is free.
        if (_options.DeclineCooldownSeconds > 0)
        {
            var until = _time.GetUtcNow() + TimeSpan.FromSeconds(_options.DeclineCooldownSeconds);
            ticket.DeclinedUntil[agentId] = until;
            Log.Declined(_logger, RoomId, ticketId, agentId, until);
        }

        await OfferNextAsync();
        ArmDueTimer();
        Changed();
    }

    public async Task<Outcome<QueueEntry>> SetVipAsync(string ticketId, bool vip)
    {
        if (Tickets.FirstOrDefault(t => t.Id == ticketId) is not { } ticket) return Outcome<QueueEntry>.From(CallRefusals.TicketGone);
        ticket.Vip = vip;
        await _state.WriteStateAsync();
        Changed();
        return Outcome<QueueEntry>.Ok(Entries().First(e => e.TicketId == ticketId));
    }

    public Task<IReadOnlyList<QueueEntry>> GetEntriesAsync() => Task.FromResult(Entries());

    public async Task<bool> SetOpenAsync(bool open)
    {
        if (_state.State.Closed == !open) return open;
        _state.State.Closed = !open;
        await _state.WriteStateAsync();
        Log.OpenChanged(_logger, RoomId, open);
        PublishOpen(open);
        return open;
    }

    public Task<bool> IsOpenAsync() => Task.FromResult(!_state.State.Closed);

    public Task<IReadOnlyList<string>> CallsOfAsync(string viewerId) =>
        Task.FromResult<IReadOnlyList<string>>([.. _state.State.CallsInProgress.Where(c => c.Value == viewerId).Select(c => c.Key)]);

    public async Task CallFinishedAsync(string callId, int handleSeconds)
    {
        _state.State.CallsInProgress.Remove(callId);
        var recent = _state.State.RecentHandleSeconds;
        recent.Add(Math.Max(1, handleSeconds));
        if (recent.Count > HandleTimesKept) recent.RemoveRange(0, recent.Count - HandleTimesKept);
        await _state.WriteStateAsync();
        Changed();
    }

    private QueueTicket? Find(string viewerId) => Tickets.FirstOrDefault(t => t.ViewerId == viewerId);

    /// <summary>Queue order: VIPs first, then the longest waiting.</summary>
    private IEnumerable<QueueTicket> Ordered() => Tickets.OrderBy(t => t.Vip ? 0 : 1).ThenBy(t => t.WaitingSince).ThenBy(t => t.Sequence);

    private async Task BackAsync(QueueTicket ticket)
    {
        ticket.State = TicketState.Waiting;
        ticket.AwaySince = null;
        await _state.WriteStateAsync();
        await OfferNextAsync();
        Changed();
    }

    private async Task RemoveAsync(QueueTicket ticket, string reason)
    {
        Tickets.Remove(ticket);
        await _state.WriteStateAsync();
        Finish(ticket, TicketState.Gone, reason);
        Changed();
    }

    /// <summary>The ticket is over: its viewer is told at once, with the final state.</summary>
    private void Finish(QueueTicket ticket, TicketState state, string? reason)
    {
        _lastSent.Remove(ticket.Id);
        _ = GrainFactory.Presence(ticket.ViewerId).SendAsync(new QueueStatus(RoomId, ticket.Id, 0, null, null, state, reason));
    }

    private void Changed()
    {
        _agentsDirty = true;
        _publisher.Schedule();
    }
}
