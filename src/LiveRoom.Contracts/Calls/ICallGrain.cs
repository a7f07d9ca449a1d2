using LiveRoom.Contracts.Common;
using Orleans.Concurrency;

namespace LiveRoom.Contracts.Calls;

/// <summary>
/// One private call (key: call id): its participants and state. It relays signalling only between its
/// participants and ends the call when one hangs up or does not come back in time. Durable.
/// </summary>
[Alias("LiveRoom.ICallGrain")]
public interface ICallGrain : IGrainWithStringKey
{
    [Alias("Start")]
    Task<CallInfo> StartAsync(CallSetup setup);

    /// <summary>The call as <paramref name="personId"/> sees it; refused for anyone not in it.</summary>
    [Alias("Get")]
    Task<Outcome<CallInfo>> GetAsync(string personId);

    /// <summary>Relays <paramref name="signal"/> from <paramref name="personId"/> to the other participants (or the one it names).</summary>
    [Alias("Signal")]
    Task<Outcome<bool>> SignalAsync(string personId, SignalMessage signal);

    [Alias("End")]
    Task<Outcome<bool>> EndAsync(string personId, string reason);

    /// <summary>A participant's last connection dropped: they have the grace period to come back.</summary>
    [OneWay, Alias("ParticipantAway")]
    Task ParticipantAwayAsync(string personId);

    /// <summary>The viewer rates the call (1–5, with an optional comment), during or after it.</summary>
    [Alias("Rate")]
    Task<Outcome<CallRecord>> RateAsync(string personId, int rating, string? comment);

    /// <summary>An agent of the call writes (or replaces) its note.</summary>
    [Alias("SaveNote")]
    Task<Outcome<CallRecord>> SaveNoteAsync(string personId, string? note);

    /// <summary>A participant is back (<c>RejoinCall</c>).</summary>
    [Alias("Rejoin")]
    Task<Outcome<CallInfo>> RejoinAsync(string personId);
}
