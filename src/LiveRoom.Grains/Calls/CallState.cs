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

    public string? Topic { get; set; }

    public DateTimeOffset WaitingSince { get; set; }

    public DateTimeOffset StartedAt { get; set; }

    public DateTimeOffset? EndedAt { get; set; }

    public string? EndReason { get; set; }

    public string? EndedBy { get; set; }

    /// <summary>Participants who left while the call went on (a second agent who hung up); they stay in the history.</summary>
    public List<string> Left { get; set; } = [];

    /// <summary>Agents invited who have not joined yet.</summary>
    public List<string> Invited { get; set; } = [];

    public RecordingState Recording { get; set; }

    public string? RecordingRequestedBy { get; set; }

    public DateTimeOffset? RecordingSince { get; set; }

    /// <summary>When the last take stopped running (a withdrawal, a newcomer, the end of the call).</summary>
    public DateTimeOffset? RecordingStoppedAt { get; set; }

    /// <summary>How many times the recording started.</summary>
    public int RecordingTakes { get; set; }

    /// <summary>Every answer ever given to a request to record, in order: the consent record.</summary>
    public List<RecordingConsent> Consents { get; set; } = [];

    /// <summary>Where the answers of the current request start in <see cref="Consents"/>.</summary>
    public int CurrentRequestStart { get; set; }
}
