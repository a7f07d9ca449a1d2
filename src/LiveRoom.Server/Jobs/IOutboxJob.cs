namespace LiveRoom.Server.Jobs;

/// <summary>A background job that does the work of one outbox entry (its id and subject) and marks it done.</summary>
public interface IOutboxJob
{
    Task RunAsync(string outboxId, string subject, CancellationToken cancellationToken);
}
