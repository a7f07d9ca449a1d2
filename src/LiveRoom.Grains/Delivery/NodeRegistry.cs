using LiveRoom.Contracts.Delivery;

namespace LiveRoom.Grains.Delivery;

/// <summary>
/// The web nodes a grain sends to, each with how many people (or connections) it reports and when it was
/// last heard from. Nodes repeat their report while they have connections; one not heard from for a while
/// is dropped (a process that died says nothing). Grains own one and use it from their own turns only.
/// </summary>
public sealed class NodeRegistry
{
    private readonly Dictionary<string, Entry> _nodes = new(StringComparer.Ordinal);

    /// <summary>The sum of what the nodes report.</summary>
    public int Total { get; private set; }

    public int Count => _nodes.Count;

    public IEnumerable<INodeObserver> Nodes => _nodes.Values.Select(n => n.Node);

    /// <summary>Records a node's report; true when <see cref="Total"/> changed.</summary>
    public bool Update(string nodeId, INodeObserver node, int count, DateTimeOffset now)
    {
        _nodes[nodeId] = new Entry(node, Math.Max(0, count), now);
        return Recount();
    }

    /// <summary>Forgets a node; true when <see cref="Total"/> changed.</summary>
    public bool Remove(string nodeId) => _nodes.Remove(nodeId) && Recount();

    /// <summary>Drops the nodes not heard from since <paramref name="cutoff"/> and returns their ids.</summary>
    public IReadOnlyList<string> DropSilent(DateTimeOffset cutoff)
    {
        var silent = _nodes.Where(n => n.Value.LastSeen < cutoff).Select(n => n.Key).ToArray();
        foreach (var nodeId in silent) _nodes.Remove(nodeId);
        if (silent.Length > 0) Recount();
        return silent;
    }

    private bool Recount()
    {
        var total = _nodes.Values.Sum(n => n.Count);
        if (total == Total) return false;
        Total = total;
        return true;
    }

    private sealed record Entry(INodeObserver Node, int Count, DateTimeOffset LastSeen);
}
