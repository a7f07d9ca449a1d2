using LiveRoom.Contracts.Delivery;

namespace LiveRoom.Grains.Rooms;

/// <summary>
/// Frame coalescing (at most one frame per web node per frame interval, at once when the room was idle) and
/// the registry of web nodes, whose connection counts make the viewer count.
/// </summary>
public sealed partial class RoomGrain
{
    private TimeSpan FrameInterval => TimeSpan.FromMilliseconds(_fanout.FrameIntervalMilliseconds);

    public Task UpdateNodeAsync(string nodeId, IRoomObserver observer, int connections)
    {
        _nodes[nodeId] = new NodeEntry(observer, Math.Max(0, connections), _time.GetUtcNow());
        RecountViewers();
        return Task.CompletedTask;
    }

    public Task RemoveNodeAsync(string nodeId)
    {
        if (_nodes.Remove(nodeId)) RecountViewers();
        return Task.CompletedTask;
    }

    private void RecountViewers()
    {
        var total = _nodes.Values.Sum(n => n.Connections);
        if (total == _viewerCount) return;
        _viewerCount = total;
        _pending.SetViewerCount(total);
        ScheduleFlush();
    }

    private Task DropSilentNodesAsync(CancellationToken cancellationToken)
    {
        var cutoff = _time.GetUtcNow() - TimeSpan.FromSeconds(_fanout.NodeTimeoutSeconds);
        var silent = _nodes.Where(n => n.Value.LastSeen < cutoff).Select(n => n.Key).ToArray();
        foreach (var nodeId in silent)
        {
            _nodes.Remove(nodeId);
            Log.NodeDropped(_logger, RoomId, nodeId);
        }

        if (silent.Length > 0) RecountViewers();
        return Task.CompletedTask;
    }

    /// <summary>Sends now when the last frame is older than the frame interval, else once it is.</summary>
    private void ScheduleFlush()
    {
        if (_flushScheduled) return;
        // Frame timing runs on the grain's TimeProvider, the clock Orleans runs grain timers on.
        var sinceLast = _lastFlushTimestamp is { } last ? _time.GetElapsedTime(last) : TimeSpan.MaxValue;
        if (sinceLast >= FrameInterval)
        {
            Flush();
            return;
        }

        _flushScheduled = true;
        var due = FrameInterval - sinceLast;
        if (_flushTimer is null)
        {
            _flushTimer = this.RegisterGrainTimer(FlushFromTimerAsync, new GrainTimerCreationOptions(due, Timeout.InfiniteTimeSpan) { KeepAlive = false });
        }
        else
        {
            _flushTimer.Change(due, Timeout.InfiniteTimeSpan);
        }
    }

    private Task FlushFromTimerAsync(CancellationToken cancellationToken)
    {
        _flushScheduled = false;
        Flush();
        return Task.CompletedTask;
    }

    private void Flush()
    {
        _lastFlushTimestamp = _time.GetTimestamp();
        if (_pending.IsEmpty) return;
        var frame = _pending.Take(RoomId, ++_frameSequence);
        foreach (var node in _nodes.Values)
        {
            // One-way: a slow or vanished node cannot hold the room up.
            _ = node.Observer.OnFrameAsync(frame);
        }
    }

    private sealed record NodeEntry(IRoomObserver Observer, int Connections, DateTimeOffset LastSeen);
}
