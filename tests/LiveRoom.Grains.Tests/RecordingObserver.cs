using LiveRoom.Contracts.Delivery;
using LiveRoom.Contracts.Live;

namespace LiveRoom.Grains.Tests;

/// <summary>Stands in for a web node: records every frame, personal event and publisher stop grains send it.</summary>
public sealed class RecordingObserver : INodeObserver
{
    private readonly List<object> _received = [];
    private readonly List<(Func<bool> Condition, TaskCompletionSource Done)> _waiters = [];

    public IReadOnlyList<RoomFrame> Frames => Received<RoomFrame>();

    public IReadOnlyList<PersonalDelivery> Personal => Received<PersonalBatch>().SelectMany(b => b.Deliveries).ToArray();

    public IReadOnlyList<PublisherStop> PublisherStops => Received<PublisherStop>();

    public Task OnRoomFrameAsync(RoomFrame frame) => Add(frame);

    public Task OnPersonalAsync(PersonalBatch batch) => Add(batch);

    public Task OnPublisherStopAsync(PublisherStop stop) => Add(stop);

    public async Task<IReadOnlyList<RoomFrame>> WaitForAsync(Func<IReadOnlyList<RoomFrame>, bool> condition, string what)
    {
        await WaitUntilAsync(() => condition(Frames), what);
        return Frames;
    }

    /// <summary>Waits (10 s at most) until <paramref name="condition"/> holds over what this node has received.</summary>
    public async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_received)
        {
            if (condition()) return;
            _waiters.Add((condition, done));
        }

        try
        {
            await done.Task.WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"Waiting for {what}: the node received {Frames.Count} frames, {Personal.Count} personal events and {PublisherStops.Count} publisher stops.");
        }
    }

    private T[] Received<T>()
    {
        lock (_received) return [.. _received.OfType<T>()];
    }

    private Task Add(object item)
    {
        lock (_received)
        {
            _received.Add(item);
            foreach (var waiter in _waiters.Where(w => w.Condition()).ToArray())
            {
                _waiters.Remove(waiter);
                waiter.Done.TrySetResult();
            }
        }

        return Task.CompletedTask;
    }
}
