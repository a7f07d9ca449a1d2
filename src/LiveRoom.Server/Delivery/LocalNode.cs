using LiveRoom.Contracts.Delivery;

namespace LiveRoom.Server.Delivery;

/// <summary>This web node as grains know it: its id and its one listener, through which they reach its connections.</summary>
public sealed class LocalNode(IGrainFactory grains, NodeListener listener)
{
    private readonly Lazy<INodeObserver> _reference = new(() => grains.CreateObjectReference<INodeObserver>(listener));

    /// <summary>This node's id among the nodes that listen to a room or hold a person's connections.</summary>
    public string NodeId { get; } = $"{Environment.MachineName}-{Guid.NewGuid():N}";

    /// <summary>The listener's reference, made at first use (once the grain runtime runs).</summary>
    public INodeObserver Listener => _reference.Value;
}
