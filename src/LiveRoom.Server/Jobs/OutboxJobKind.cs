using Hangfire;

namespace LiveRoom.Server.Jobs;

/// <summary>Which job runs the outbox entries of one kind; each capability registers its own with <see cref="OutboxJobServiceCollectionExtensions.AddOutboxJob{TJob}"/>.</summary>
public sealed record OutboxJobKind(string Kind, Action<IBackgroundJobClient, string, string> Enqueue);
