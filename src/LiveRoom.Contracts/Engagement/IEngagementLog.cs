namespace LiveRoom.Contracts.Engagement;

/// <summary>
/// Where engagement is written: in batches, not one database write per chat line or click. <see cref="Add"/>
/// only queues (it never blocks or throws); the queue is written about every second, and once more when the
/// node stops. A node that dies loses what it had not written yet (at most about a second of events).
/// </summary>
public interface IEngagementLog
{
    void Add(EngagementEvent engagement);

    /// <summary>Writes what is queued now (tests and shutdown).</summary>
    Task FlushAsync(CancellationToken cancellationToken = default);
}
