using LiveRoom.Contracts.Delivery;

namespace LiveRoom.Grains.Tests;

/// <summary>Stands in for a web node: records every frame the room sends it.</summary>
public sealed class RecordingObserver : IRoomObserver
{
    private readonly List<RoomFrame> _frames = [];
    private readonly List<(Func<IReadOnlyList<RoomFrame>, bool> Condition, TaskCompletionSource Done)> _waiters = [];

    public IReadOnlyList<RoomFrame> Frames
    {
        get
        {
            lock (_frames) return [.. _frames];
        }
    }

    public Task OnFrameAsync(RoomFrame frame)
    {
        lock (_frames)
        {
            _frames.Add(frame);
            foreach (var waiter in _waiters.Where(w => w.Condition(_frames)).ToArray())
            {
                _waiters.Remove(waiter);
                waiter.Done.TrySetResult();
            }
        }

        return Task.CompletedTask;
    }

    public async Task<IReadOnlyList<RoomFrame>> WaitForAsync(Func<IReadOnlyList<RoomFrame>, bool> condition, string what)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_frames)
        {
            if (condition(_frames)) return [.. _frames];
            _waiters.Add((condition, done));
        }

        try
        {
            await done.Task.WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"Waiting for {what}: the node received {Frames.Count} frames.");
        }

        return Frames;
    }
}
