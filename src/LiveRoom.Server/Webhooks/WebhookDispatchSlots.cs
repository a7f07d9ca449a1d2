namespace LiveRoom.Server.Webhooks;

/// <summary>
/// How many claimed deliveries this node has handed to jobs and not yet finished: the poller claims no more than
/// the workers can start well within the claim, so nothing claimed waits so long that another sender takes it too.
/// </summary>
public sealed class WebhookDispatchSlots
{
    private int _inFlight;

    public int InFlight => Volatile.Read(ref _inFlight);

    public void Taken(int count) => Interlocked.Add(ref _inFlight, count);

    public void Released() => Interlocked.Decrement(ref _inFlight);
}
