using LiveRoom.Contracts.Delivery;
using Microsoft.Extensions.Options;

namespace LiveRoom.Grains.Delivery;

/// <summary>
/// Where one person is connected (see <see cref="IPresenceGrain"/>). In memory only: the nodes report again
/// every few minutes, so an activation that was lost or moved fills up again, and a node that died is dropped
/// once it has been silent for the node timeout.
/// </summary>
public sealed class PresenceGrain(TimeProvider time, IOptions<FanoutOptions> fanout) : Grain, IPresenceGrain
{
    private readonly NodeRegistry _nodes = new();

    public Task UpdateNodeAsync(string nodeId, INodeObserver node, int connections)
    {
        if (connections <= 0) _nodes.Remove(nodeId);
        else _nodes.Update(nodeId, node, connections, time.GetUtcNow());
        return Task.CompletedTask;
    }

    public Task RemoveNodeAsync(string nodeId)
    {
        _nodes.Remove(nodeId);
        return Task.CompletedTask;
    }

    public Task<bool> IsOnlineAsync()
    {
        DropSilent();
        return Task.FromResult(_nodes.Count > 0);
    }

    public Task SendAsync(PersonalEvent personalEvent)
    {
        DropSilent();
        if (_nodes.Count == 0) return Task.CompletedTask;
        var batch = new PersonalBatch([new PersonalDelivery(this.GetPrimaryKeyString(), personalEvent)]);
        foreach (var node in _nodes.Nodes)
        {
            // One-way: a slow or vanished node cannot hold the sender up.
            _ = node.OnPersonalAsync(batch);
        }

        return Task.CompletedTask;
    }

    private void DropSilent() => _nodes.DropSilent(time.GetUtcNow() - TimeSpan.FromSeconds(fanout.Value.NodeTimeoutSeconds));
}
