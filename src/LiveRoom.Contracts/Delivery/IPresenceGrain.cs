using Orleans.Concurrency;

namespace LiveRoom.Contracts.Delivery;

/// <summary>
/// Where one person (key: identity id) is connected: the web nodes holding their connections. Personal events
/// (queue positions, call signalling) go through it to those nodes only, never to a room. Kept in memory:
/// nodes report their people when they connect and again every few minutes, so a restarted activation refills.
/// </summary>
[Alias("LiveRoom.IPresenceGrain")]
public interface IPresenceGrain : IGrainWithStringKey
{
    /// <summary>Node <paramref name="nodeId"/> holds <paramref name="connections"/> connections of this person.</summary>
    [Alias("UpdateNode")]
    Task UpdateNodeAsync(string nodeId, INodeObserver node, int connections);

    [Alias("RemoveNode")]
    Task RemoveNodeAsync(string nodeId);

    /// <summary>Whether the person has a connection on any node.</summary>
    [Alias("IsOnline")]
    Task<bool> IsOnlineAsync();

    /// <summary>Sends <paramref name="personalEvent"/> to every node holding this person's connections.</summary>
    [OneWay, Alias("Send")]
    Task SendAsync(PersonalEvent personalEvent);
}
