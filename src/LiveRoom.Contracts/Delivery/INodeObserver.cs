using LiveRoom.Contracts.Live;
using Orleans.Concurrency;

namespace LiveRoom.Contracts.Delivery;

/// <summary>
/// A web node's one listener (one per node, whatever it serves). Grains reach the node's connections through
/// it: a room's frame goes to the room's local group, a personal event to the local connections of the people
/// it names, a publisher stop to the node's ingest. Every call is one-way: a slow or vanished node cannot hold a
/// grain up.
/// </summary>
[Alias("LiveRoom.INodeObserver")]
public interface INodeObserver : IGrainObserver
{
    [OneWay, Alias("OnRoomFrame")]
    Task OnRoomFrameAsync(RoomFrame frame);

    /// <summary>Delivers each event to the local connections of the person it names (none here: nothing happens).</summary>
    [OneWay, Alias("OnPersonal")]
    Task OnPersonalAsync(PersonalBatch batch);

    /// <summary>The room grain closes the publisher this node holds for a room (the room ended, or its key was rotated with disconnect).</summary>
    [OneWay, Alias("OnPublisherStop")]
    Task OnPublisherStopAsync(PublisherStop stop);
}
