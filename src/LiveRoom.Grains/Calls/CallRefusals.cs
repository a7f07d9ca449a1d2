using LiveRoom.Contracts.Common;

namespace LiveRoom.Grains.Calls;

/// <summary>Every refusal of the queue and of calls, worded in one place.</summary>
public static class CallRefusals
{
    public static Refusal NoAgents { get; } = new(RefusalCode.NoAgents, "Nobody can take a private call right now. Leave your details and we will call you back.");
    public static Refusal QueueClosed { get; } = new(RefusalCode.QueueClosed, "Private calls are closed for now. Leave your details and we will call you back.");
    public static Refusal QueueFull { get; } = new(RefusalCode.QueueFull, "The queue for private calls is full right now. Please try again in a few minutes.");
    public static Refusal NotAvailable { get; } = new(RefusalCode.NotAvailable, "Set yourself available before taking calls.");
    public static Refusal AtCapacity { get; } = new(RefusalCode.AtCapacity, "You are already in as many calls as you take at once.");
    public static Refusal QueueEmpty { get; } = new(RefusalCode.QueueEmpty, "Nobody is waiting.");
    public static Refusal TicketGone { get; } = new(RefusalCode.TicketGone, "That viewer is no longer waiting: another agent took them, or they left.");
    public static Refusal ViewerAway { get; } = new(RefusalCode.TicketGone, "That viewer is not connected right now; they keep their place for a while.");
    public static Refusal NotParticipant { get; } = new(RefusalCode.NotParticipant, "You are not part of that call.");
    public static Refusal CallNotFound { get; } = new(RefusalCode.NotFound, "There is no such call.");
    public static Refusal CallEnded { get; } = new(RefusalCode.CallEnded, "That call is over.");
    public static Refusal TooManyCandidates { get; } = new(RefusalCode.TooManyCandidates, "Too many connection candidates for one negotiation.");

    public static Refusal OnlyViewersRate { get; } = new(RefusalCode.NotAllowed, "Only the viewer rates a call.");
    public static Refusal OnlyAgentsNote { get; } = new(RefusalCode.NotAllowed, "Only the call's agents write its note.");
    public static Refusal Rating { get; } = new(RefusalCode.Invalid, "A rating is 1 to 5 stars.");

    public static Refusal CallFull(int max) => new(RefusalCode.CallFull, $"A call has at most {max} people.");
    public static Refusal NotInvited { get; } = new(RefusalCode.NotAllowed, "You were not invited to that call.");
    public static Refusal AlreadyInCall { get; } = new(RefusalCode.AlreadyDone, "That agent is already in the call.");
    public static Refusal AgentUnavailable { get; } = new(RefusalCode.NotAvailable, "That agent cannot take a call now.");
    public static Refusal OnlyAgentsRecord { get; } = new(RefusalCode.NotAllowed, "Only the call's agents ask to record it.");
    public static Refusal OnlyAgentsInvite { get; } = new(RefusalCode.NotAllowed, "Only the call's agents invite others.");
    public static Refusal NothingToAnswer { get; } = new(RefusalCode.Invalid, "Nobody asked to record this call.");
    public static Refusal ConsentText { get; } = new(RefusalCode.Invalid, "Send the consent text that was shown (1 to 2,000 characters).");
    public static Refusal NotRecording { get; } = new(RefusalCode.NotRecording, "The call is not being recorded by you now.");

    public static Refusal Capacity(int max) => new(RefusalCode.Invalid, $"Capacity must be between 1 and {max} calls at once.");

    public static Refusal UnknownSignal(string type) => new(RefusalCode.Invalid, $"'{type}' is not a signal type (offer, answer, candidate, media).");

    public static Refusal BadPayload(string type) => new(RefusalCode.Invalid, $"The {type} payload does not parse.");

    public static Refusal PayloadTooLong(string type, int maxBytes) => new(RefusalCode.TooLong, $"The {type} is too large: at most {maxBytes} bytes.");
}
