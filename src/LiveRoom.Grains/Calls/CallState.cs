using LiveRoom.Contracts.Calls;

namespace LiveRoom.Grains.Calls;

/// <summary>A call as stored: who is in it, from which ticket, and how it ended.</summary>
public sealed class CallState
{
    public bool Exists { get; set; }

    public string RoomId { get; set; } = string.Empty;

    public string TicketId { get; set; } = string.Empty;

    public List<CallParticipant> Participants { get; set; } = [];

    public string Initiator { get; set; } = string.Empty;

    public DateTimeOffset WaitingSince { get; set; }

    public DateTimeOffset StartedAt { get; set; }

    public DateTimeOffset? EndedAt { get; set; }

    public string? EndReason { get; set; }

    public string? EndedBy { get; set; }
}
