namespace LiveRoom.Testing;

/// <summary>
/// What a client received of one event, in order. Tests await a condition on it; nothing polls or sleeps,
/// and a condition not met in time fails with what did arrive.
/// </summary>
public sealed class Inbox<T>(string name)
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    private readonly List<T> _items = [];
    private readonly List<(Func<IReadOnlyList<T>, bool> Condition, TaskCompletionSource Done)> _waiters = [];

    public IReadOnlyList<T> Items
    {
        get
        {
            lock (_items) return [.. _items];
        }
    }

    public void Add(IEnumerable<T> items)
    {
        lock (_items)
        {
            _items.AddRange(items);
            foreach (var waiter in _waiters.ToArray())
            {
                if (waiter.Condition(_items))
                {
                    _waiters.Remove(waiter);
                    waiter.Done.TrySetResult();
                }
            }
        }
    }

    /// <summary>Waits until <paramref name="condition"/> holds for everything received so far.</summary>
    public async Task<IReadOnlyList<T>> WaitForAsync(Func<IReadOnlyList<T>, bool> condition, string what, TimeSpan? timeout = null)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_items)
        {
            if (condition(_items)) return [.. _items];
            _waiters.Add((condition, done));
        }

        try
        {
            await done.Task.WaitAsync(timeout ?? DefaultTimeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"Waiting for {what} on '{name}' timed out; received {Items.Count}: {string.Join(" | ", Items.Select(i => i?.ToString()).TakeLast(10))}");
        }

        return Items;
    }
}
