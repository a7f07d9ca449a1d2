using Hangfire;
using LiveRoom.Contracts.Jobs;

namespace LiveRoom.Server.Jobs;

/// <summary>
/// Hands pending outbox entries to Hangfire: everything pending at start (Hangfire's storage is in memory
/// in embedded mode, so the outbox is what survives a restart), then new entries as they appear.
/// </summary>
public sealed partial class OutboxDispatcher(
    IJobOutbox outbox, IBackgroundJobClient jobs, IEnumerable<OutboxJobKind> kinds, ILogger<OutboxDispatcher> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);
    private readonly Dictionary<string, OutboxJobKind> _kinds = kinds.ToDictionary(k => k.Kind, StringComparer.Ordinal);
    private readonly HashSet<string> _enqueued = new(StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            do
            {
                foreach (var entry in await outbox.PendingAsync(stoppingToken))
                {
                    if (!_enqueued.Add(entry.Id)) continue;
                    if (_kinds.TryGetValue(entry.Kind, out var kind))
                    {
                        kind.Enqueue(jobs, entry.Id, entry.Subject);
                        Log.Enqueued(logger, entry.Kind, entry.Subject);
                    }
                    else
                    {
                        Log.UnknownKind(logger, entry.Kind, entry.Id);
                    }
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 8611, Level = LogLevel.Information, Message = "Enqueued the {Kind} job for {Subject}")]
        public static partial void Enqueued(ILogger logger, string kind, string subject);

        [LoggerMessage(EventId = 8612, Level = LogLevel.Warning, Message = "Outbox entry {Id} has an unknown kind {Kind}; left pending")]
        public static partial void UnknownKind(ILogger logger, string kind, string id);
    }
}
