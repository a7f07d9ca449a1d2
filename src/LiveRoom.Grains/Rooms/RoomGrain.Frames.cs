using LiveRoom.Contracts.Delivery;
using LiveRoom.Grains.Delivery;

namespace LiveRoom.Grains.Rooms;

/// <summary>
/// The room's side of the fan-out: the web nodes with connections here (their counts make the viewer count)
/// and the frames sent to them, coalesced by a <see cref="FrameBatcher"/>.
/// </summary>
public sealed partial class RoomGrain
{
    public Task UpdateNodeAsync(string nodeId, INodeObserver node, int connections)
    {
        if (_nodes.Update(nodeId, node, connections, _time.GetUtcNow())) ViewerCountChanged();
        return Task.CompletedTask;
    }

    public Task RemoveNodeAsync(string nodeId)
    {
        if (_nodes.Remove(nodeId)) ViewerCountChanged();
        return Task.CompletedTask;
    }

    private void ViewerCountChanged()
    {
        _pending.SetViewerCount(_nodes.Total);
        ScheduleFlush();
    }

    private Task DropSilentNodesAsync(CancellationToken cancellationToken)
    {
        var before = _nodes.Total;
        foreach (var nodeId in _nodes.DropSilent(_time.GetUtcNow() - TimeSpan.FromSeconds(_fanout.NodeTimeoutSeconds)))
        {
            Log.NodeDropped(_logger, RoomId, nodeId);
        }

        if (_nodes.Total != before) ViewerCountChanged();
        return Task.CompletedTask;
    }

    private void ScheduleFlush() => _frames.Schedule();

    private void Flush() => _frames.SendNow();

    private void SendFrame()
    {
        if (_pending.IsEmpty) return;
        var frame = _pending.Take(RoomId, ++_frameSequence);
        foreach (var node in _nodes.Nodes)
        {
            // One-way: a slow or vanished node cannot hold the room up.
            _ = node.OnRoomFrameAsync(frame);
        }
    }
}
