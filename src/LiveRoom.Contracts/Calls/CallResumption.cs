namespace LiveRoom.Contracts.Calls;

/// <summary>
/// A call someone is still in, as it is now: what a new connection of theirs (a reloaded page) is told so it
/// can take the call up again: the call (sent as <c>callStarted</c> with <c>resumed</c>) and its recording.
/// </summary>
[GenerateSerializer, Immutable, Alias("LiveRoom.CallResumption")]
public sealed record CallResumption(
    [property: Id(0)] CallInfo Call,
    [property: Id(1)] CallRecordingStatus Recording);
