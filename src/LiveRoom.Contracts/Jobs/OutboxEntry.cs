namespace LiveRoom.Contracts.Jobs;

/// <summary>A piece of background work that must happen, recorded before anyone is told it will.</summary>
public sealed record OutboxEntry(string Id, string Kind, string Subject, OutboxStatus Status, int Attempts, double Progress, string? LastError, DateTimeOffset CreatedAt);
