namespace LiveRoom.Contracts.Common;

[GenerateSerializer, Alias("LiveRoom.RefusalCode")]
public enum RefusalCode
{
    NotFound = 0,
    NotAllowed = 1,
    Invalid = 2,
    TooLong = 3,
    TooFast = 4,
    Muted = 5,
    RoomEnded = 6,
    AlreadyDone = 7,
    Banned = 8,

    /// <summary>The identity has as many connections in the room as it may have.</summary>
    TooManyConnections = 20,

    /// <summary>A new identity must wait a while before its first message in this room.</summary>
    NewHere = 21,

    /// <summary>Nobody serves the room's call queue now (a call-back may be offered instead).</summary>
    NoAgents = 30,

    /// <summary>The room's call queue is at its cap.</summary>
    QueueFull = 31,

    /// <summary>An agent who is away tried to take a call.</summary>
    NotAvailable = 32,

    /// <summary>An agent at capacity tried to take another call.</summary>
    AtCapacity = 33,

    /// <summary>Nobody is waiting to be taken.</summary>
    QueueEmpty = 34,

    /// <summary>The ticket was taken by another agent, left, or expired.</summary>
    TicketGone = 35,

    /// <summary>Someone who is not a participant of a call tried to act in it.</summary>
    NotParticipant = 36,

    /// <summary>The call is over.</summary>
    CallEnded = 37,

    /// <summary>More ICE candidates than one negotiation may carry.</summary>
    TooManyCandidates = 38,

    /// <summary>A call already has as many people as it may.</summary>
    CallFull = 39,

    /// <summary>Recording chunks sent while the call is not being recorded, or by someone who may not.</summary>
    NotRecording = 40,

    /// <summary>Staff closed the room's call queue for now (a call-back may be offered instead).</summary>
    QueueClosed = 41,

    /// <summary>Details were sent without the consent the form asks for.</summary>
    ConsentRequired = 50,

    /// <summary>The form's consent wording changed since the viewer read it: read it again and resend.</summary>
    FormChanged = 51,

    /// <summary>An uploaded image is not a JPEG, PNG or WebP (judged by its bytes, not its name or stated type).</summary>
    UnsupportedImage = 60,

    /// <summary>An uploaded image is larger than allowed.</summary>
    ImageTooLarge = 61,

    /// <summary>A link is not an absolute http(s) address.</summary>
    BadLink = 62,
}
