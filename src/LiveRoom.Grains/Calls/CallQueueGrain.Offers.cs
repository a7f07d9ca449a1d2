using LiveRoom.Contracts.Calls;
using LiveRoom.Contracts.Common;

namespace LiveRoom.Grains.Calls;

/// <summary>Offers: which agent is rung for which ticket, declines and their cool-down, and the timer for what falls due (rings running out, away grace).</summary>
public sealed partial class CallQueueGrain
{
    private void WithdrawOffer(QueueTicket ticket)
    {
        if (ticket.OfferedTo is { } agentId && !ticket.PassedBy.Contains(agentId)) ticket.PassedBy.Add(agentId);
        ticket.State = TicketState.Waiting;
        ticket.OfferedTo = null;
        ticket.OfferExpiresAt = null;
    }

    private async Task<bool> AnyAgentOnlineAsync()
    {
        foreach (var agent in _agents.Values.Where(a => a.Status.Available))
        {
            if (await GrainFactory.Presence(agent.AgentId).IsOnlineAsync()) return true;
        }

        return false;
    }

    /// <summary>Offers waiting tickets, in order, to free agents who are not ringing already (each agent one ring at a time).</summary>
    private async Task OfferNextAsync()
    {
        var ringing = Tickets.Where(t => t.OfferedTo is not null).Select(t => t.OfferedTo!).ToHashSet(StringComparer.Ordinal);
        var free = _agents.Values
            .Where(a => a.Status.HasRoom && !ringing.Contains(a.AgentId))
            .OrderByDescending(a => a.Status.Capacity - a.Status.ActiveCalls)
            .ThenBy(a => a.AgentId, StringComparer.Ordinal)
            .ToList();
        if (free.Count == 0) return;
        var now = _time.GetUtcNow();
        var offered = false;
        foreach (var ticket in Ordered().Where(t => t.State == TicketState.Waiting).ToArray())
        {
            if (free.Count == 0) break;
            ForgetDeclinesOver(ticket, now);
            // An agent who declined this ticket lately is not rung for it (it may still be accepted by hand).
            var eligible = free.Where(a => !ticket.DeclinedUntil.ContainsKey(a.AgentId)).ToList();
            var candidates = eligible.Where(a => !ticket.PassedBy.Contains(a.AgentId)).ToList();
            // Everyone let it pass once: it starts over with everyone, the one who let it pass longest ago
            // first, so the ring moves on rather than going straight back to whoever just declined.
            if (candidates.Count == 0 && eligible.Count > 0 && ticket.PassedBy.Count > 0)
            {
                candidates = [.. eligible.OrderBy(a => ticket.PassedBy.IndexOf(a.AgentId))];
                ticket.PassedBy.Clear();
            }

            AgentView? chosen = null;
            foreach (var agent in candidates)
            {
                if (await GrainFactory.Presence(agent.AgentId).IsOnlineAsync())
                {
                    chosen = agent;
                    break;
                }
            }

            if (chosen is null) continue;
            free.Remove(chosen);
            ticket.State = TicketState.Offered;
            ticket.OfferedTo = chosen.AgentId;
            ticket.OfferExpiresAt = _time.GetUtcNow() + TimeSpan.FromSeconds(_options.OfferTimeoutSeconds);
            _ = GrainFactory.Presence(chosen.AgentId).SendAsync(new CallOffer(RoomId, ticket.Id, ticket.DisplayName, ticket.Topic, ticket.Vip, ticket.OfferExpiresAt.Value));
            Log.Offered(_logger, RoomId, ticket.Id, chosen.AgentId);
            offered = true;
        }

        if (offered)
        {
            ArmDueTimer();
            _agentsDirty = true;
            _publisher.Schedule();
        }
    }

    private static bool ForgetDeclinesOver(QueueTicket ticket, DateTimeOffset now)
    {
        var over = ticket.DeclinedUntil.Where(d => d.Value <= now).Select(d => d.Key).ToArray();
        foreach (var agentId in over) ticket.DeclinedUntil.Remove(agentId);
        return over.Length > 0;
    }

    /// <summary>
    /// One timer for whatever is due first: an offer that rang out, an away viewer whose grace has passed, or the
    /// end of a decline's cool-down (the agent may be rung for that ticket again).
    /// </summary>
    private void ArmDueTimer()
    {
        var grace = TimeSpan.FromSeconds(_options.ReconnectGraceSeconds);
        var due = Tickets
            .Select(t => t.State == TicketState.Offered ? t.OfferExpiresAt : t.State == TicketState.Away ? t.AwaySince + grace : null)
            .Concat(Tickets.Where(t => t.State == TicketState.Waiting).SelectMany(t => t.DeclinedUntil.Values.Select(d => (DateTimeOffset?)d)))
            .Where(d => d is not null)
            .Min();
        _dueTimer?.Dispose();
        _dueTimer = null;
        if (due is null) return;
        var wait = due.Value - _time.GetUtcNow();
        _dueTimer = this.RegisterGrainTimer(OnDueAsync, new GrainTimerCreationOptions(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, Timeout.InfiniteTimeSpan) { KeepAlive = true });
    }

    private async Task OnDueAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var grace = TimeSpan.FromSeconds(_options.ReconnectGraceSeconds);
        var changed = false;
        foreach (var ticket in Tickets.ToArray())
        {
            if (ticket.State == TicketState.Offered && ticket.OfferExpiresAt <= now)
            {
                Log.OfferExpired(_logger, RoomId, ticket.Id, ticket.OfferedTo ?? "?");
                WithdrawOffer(ticket);
                changed = true;
            }
            else if (ticket.State == TicketState.Away && ticket.AwaySince + grace <= now)
            {
                Log.Expired(_logger, RoomId, ticket.ViewerId, ticket.Id);
                Tickets.Remove(ticket);
                Finish(ticket, TicketState.Gone, "expired");
                changed = true;
            }
            else if (ticket.State == TicketState.Waiting && ForgetDeclinesOver(ticket, now))
            {
                changed = true;
            }
        }

        if (changed)
        {
            await _state.WriteStateAsync();
            await OfferNextAsync();
            Changed();
        }

        ArmDueTimer();
    }
}
