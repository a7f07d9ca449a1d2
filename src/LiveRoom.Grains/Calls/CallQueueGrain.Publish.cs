using LiveRoom.Contracts.Calls;
using LiveRoom.Contracts.Common;
using Microsoft.Extensions.Logging;

namespace LiveRoom.Grains.Calls;

/// <summary>What waiting viewers and serving agents are told: positions, estimates, entries and whether the queue is open.</summary>
public sealed partial class CallQueueGrain
{
    /// <summary>Sends each viewer whose status moved their new one, and each agent the entries when they changed.</summary>
    private void Publish()
    {
        var position = 0;
        foreach (var ticket in Ordered())
        {
            var status = StatusOf(TicketOf(ticket, ++position), null);
            if (_lastSent.TryGetValue(ticket.Id, out var last) && last == status) continue;
            _lastSent[ticket.Id] = status;
            // One-way through the viewer's presence: to their connections on whatever node.
            _ = GrainFactory.Presence(ticket.ViewerId).SendAsync(status);
        }

        if (!_agentsDirty) return;
        _agentsDirty = false;
        var entries = Entries();
        foreach (var agentId in _agents.Keys)
        {
            _ = GrainFactory.Agent(agentId).QueueChangedAsync(RoomId, entries);
        }
    }

    /// <summary>Tells every agent who serves the room that its queue closed or opened (each through their presence).</summary>
    private void PublishOpen(bool open)
    {
        var changed = new QueueOpenChanged(RoomId, open);
        foreach (var agentId in _agents.Keys)
        {
            _ = GrainFactory.Presence(agentId).SendAsync(changed);
        }
    }

    private IReadOnlyList<QueueEntry> Entries()
    {
        var position = 0;
        return Ordered()
            .Select(t => new QueueEntry(t.Id, RoomId, t.ViewerId, t.DisplayName, t.Topic, t.Vip, t.WaitingSince, ++position, t.State, t.OfferedTo))
            .ToArray();
    }

    private CallTicket TicketOf(QueueTicket ticket) => TicketOf(ticket, Ordered().TakeWhile(t => t != ticket).Count() + 1);

    private CallTicket TicketOf(QueueTicket ticket, int position)
    {
        var estimate = Estimate(position);
        return new CallTicket(ticket.Id, RoomId, position, estimate?.Middle, estimate, ticket.State);
    }

    private QueueStatus StatusOf(CallTicket ticket, string? reason) =>
        new(RoomId, ticket.TicketId, ticket.Position, ticket.EstimatedWaitSeconds, ticket.EstimatedWait, ticket.State, reason);

    /// <summary>
    /// How long the viewer at <paramref name="position"/> may still wait, from the room's recent handle times
    /// and the agents serving it: the free places take the first ones at once; after them, each round of all
    /// the agents' places takes one handle time. Shown as a range around that figure, because handle times
    /// vary. Null when no agent is available (the page offers a call-back).
    /// </summary>
    private WaitEstimate? Estimate(int position)
    {
        var available = _agents.Values.Where(a => a.Status.Available).ToArray();
        if (available.Length == 0) return null;
        var places = Math.Max(1, available.Sum(a => a.Status.Capacity));
        var free = available.Sum(a => Math.Max(0, a.Status.Capacity - a.Status.ActiveCalls));
        var recent = _state.State.RecentHandleSeconds;
        var handle = recent.Count > 0 ? recent.Average() : _options.DefaultHandleSeconds;
        if (position <= free) return new WaitEstimate(0, _options.OfferTimeoutSeconds);
        var ahead = position - free;
        var middle = Math.Ceiling((double)ahead / places) * handle;
        return new WaitEstimate(RoundDown(middle * 0.5), Math.Max(RoundUp(middle * 1.5), 30));
    }

    private static int RoundDown(double seconds) => (int)(Math.Floor(seconds / 15) * 15);

    private static int RoundUp(double seconds) => (int)(Math.Ceiling(seconds / 15) * 15);

    private static partial class Log
    {
        [LoggerMessage(EventId = 9201, Level = LogLevel.Information, Message = "Room {RoomId}: {ViewerId} asks for a call (ticket {TicketId}, {Waiting} waiting)")]
        public static partial void Queued(ILogger logger, string roomId, string viewerId, string ticketId, int waiting);

        [LoggerMessage(EventId = 9202, Level = LogLevel.Information, Message = "Room {RoomId}: {ViewerId} left the call queue (ticket {TicketId})")]
        public static partial void Left(ILogger logger, string roomId, string viewerId, string ticketId);

        [LoggerMessage(EventId = 9203, Level = LogLevel.Information, Message = "Room {RoomId}: ticket {TicketId} offered to agent {AgentId}")]
        public static partial void Offered(ILogger logger, string roomId, string ticketId, string agentId);

        [LoggerMessage(EventId = 9204, Level = LogLevel.Information, Message = "Room {RoomId}: the offer of ticket {TicketId} to agent {AgentId} rang out; it moves on")]
        public static partial void OfferExpired(ILogger logger, string roomId, string ticketId, string agentId);

        [LoggerMessage(EventId = 9205, Level = LogLevel.Information, Message = "Room {RoomId}: ticket {TicketId} taken by agent {AgentId} (call {CallId}) after {WaitSeconds} s")]
        public static partial void Accepted(ILogger logger, string roomId, string ticketId, string agentId, string callId, int waitSeconds);

        [LoggerMessage(EventId = 9208, Level = LogLevel.Information, Message = "Room {RoomId}: call queue open {Open}")]
        public static partial void OpenChanged(ILogger logger, string roomId, bool open);

        [LoggerMessage(EventId = 9207, Level = LogLevel.Information, Message = "Room {RoomId} has ended: its call queue is closed and the waiting viewers told")]
        public static partial void RoomEnded(ILogger logger, string roomId);

        [LoggerMessage(EventId = 9420, Level = LogLevel.Information, Message = "Room {RoomId}: agent {AgentId} declined ticket {TicketId}; not rung for it again before {Until}")]
        public static partial void Declined(ILogger logger, string roomId, string ticketId, string agentId, DateTimeOffset until);

        [LoggerMessage(EventId = 9206, Level = LogLevel.Information, Message = "Room {RoomId}: {ViewerId} did not come back in time; ticket {TicketId} expired")]
        public static partial void Expired(ILogger logger, string roomId, string viewerId, string ticketId);
    }
}
