namespace LiveRoom.Contracts.Jobs;

/// <summary>
/// The durable list of background work. An entry is written before the work is promised and stays pending
/// until the job marks it done, so work survives a restart (the server re-enqueues what is pending).
/// </summary>
public interface IJobOutbox
{
    /// <summary>Adds work of <paramref name="kind"/> for <paramref name="subject"/>; adding it again returns the existing entry.</summary>
    Task<OutboxEntry> AddAsync(string kind, string subject, CancellationToken cancellationToken = default);

    Task<OutboxEntry?> GetAsync(string id, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<OutboxEntry>> PendingAsync(CancellationToken cancellationToken = default);

    Task SetProgressAsync(string id, double progress, CancellationToken cancellationToken = default);

    /// <summary>Counts an attempt that failed, with its error; <paramref name="final"/> marks the entry failed for good.</summary>
    Task RecordFailureAsync(string id, string error, bool final, CancellationToken cancellationToken = default);

    Task MarkDoneAsync(string id, CancellationToken cancellationToken = default);
}
