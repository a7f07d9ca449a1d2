namespace LiveRoom.Contracts.Calls;

/// <summary>Where a viewer's request for a private call stands.</summary>
[GenerateSerializer, Alias("LiveRoom.TicketState")]
public enum TicketState
{
    /// <summary>In the queue.</summary>
    Waiting,

    /// <summary>Offered to an agent, who has not answered yet; still in the queue.</summary>
    Offered,

    /// <summary>The viewer's connection dropped: the place is kept for the reconnect grace period.</summary>
    Away,

    /// <summary>An agent took the call.</summary>
    Accepted,

    /// <summary>Over without a call: left, expired, or the room ended.</summary>
    Gone,
}
