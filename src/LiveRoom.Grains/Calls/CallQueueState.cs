using LiveRoom.Contracts.Calls;

namespace LiveRoom.Grains.Calls;

/// <summary>A room's call queue as stored: the tickets (so a restart keeps every viewer's place) and recent handle times.</summary>
public sealed class CallQueueState
{
    public List<QueueTicket> Tickets { get; set; } = [];

    /// <summary>Staff closed the queue: nobody new may join (those waiting are still taken).</summary>
    public bool Closed { get; set; }

    /// <summary>The sequence number of the last ticket: the tie-break between tickets of the same moment.</summary>
    public long LastSequence { get; set; }

    /// <summary>The handle times (seconds) of the room's last calls, newest last.</summary>
    public List<int> RecentHandleSeconds { get; set; } = [];

    /// <summary>The calls taken from this queue that are still going on: call id → the viewer in it.</summary>
    public Dictionary<string, string> CallsInProgress { get; set; } = [];
}

/// <summary>One viewer waiting.</summary>
public sealed class QueueTicket
{
    public string Id { get; set; } = string.Empty;

    public long Sequence { get; set; }

    public string ViewerId { get; set; } = string.Empty;

    public string DisplayName { get; set; } = string.Empty;

    public string? Topic { get; set; }

    public bool Vip { get; set; }

    public DateTimeOffset WaitingSince { get; set; }

    public TicketState State { get; set; }

    public string? OfferedTo { get; set; }

    public DateTimeOffset? OfferExpiresAt { get; set; }

    public DateTimeOffset? AwaySince { get; set; }

    /// <summary>Agents who let this ticket's offer pass; it goes to the others first.</summary>
    public List<string> PassedBy { get; set; } = [];

    /// <summary>Agents who declined this ticket, and until when they are not rung for it again.</summary>
    public Dictionary<string, DateTimeOffset> DeclinedUntil { get; set; } = [];
}
