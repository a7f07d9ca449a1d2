namespace LiveRoom.Contracts.Calls;

/// <summary>What the queue gives a new call: its room, the ticket it came from, the participants (the agent first: the initiator).</summary>
[GenerateSerializer, Immutable, Alias("LiveRoom.CallSetup")]
public sealed record CallSetup(
    [property: Id(0)] string RoomId,
    [property: Id(1)] string TicketId,
    [property: Id(2)] IReadOnlyList<CallParticipant> Participants,
    [property: Id(3)] DateTimeOffset WaitingSince);
