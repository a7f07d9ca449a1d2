
namespace LiveRoom.Contracts.Delivery;

/// <summary>The web nodes that have connections in the room: they receive its frames, and their counts make the viewer count. A role of the room grain (key: room id).</summary>
[Alias("LiveRoom.IRoomNodes")]
public interface IRoomNodes : IGrainWithStringKey
{
    /// <summary>
    /// A web node says it has connections of <paramref name="connections"/> distinct people (identities) in this room and listens through
    /// <paramref name="node"/>. Nodes repeat this while they have connections; a node not heard from
    /// for a while is dropped.
    /// </summary>
    [Alias("UpdateNode")]
    Task UpdateNodeAsync(string nodeId, INodeObserver node, int connections);

    [Alias("RemoveNode")]
    Task RemoveNodeAsync(string nodeId);
}
