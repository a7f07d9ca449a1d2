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

    /// <summary>A participant is back (<c>RejoinCall</c>).</summary>
    [Alias("Rejoin")]
    Task<Outcome<CallInfo>> RejoinAsync(string personId);
}
