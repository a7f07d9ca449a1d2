using Hangfire;
using LiveRoom.Contracts.Jobs;
using LiveRoom.Contracts.Recordings;
using LiveRoom.Server.Calls.Recording;
using LiveRoom.Server.Recordings;

namespace LiveRoom.Server.Jobs;

/// <summary>
/// Hands pending outbox entries to Hangfire: everything pending at start (Hangfire's storage is in memory
/// in embedded mode, so the outbox is what survives a restart), then new entries as they appear.
/// </summary>
public sealed partial class OutboxDispatcher(IJobOutbox outbox, IBackgroundJobClient jobs, ILogger<OutboxDispatcher> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);
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
                    switch (entry.Kind)
                    {
                        case RecordingJobs.Room:
                            jobs.Enqueue<RecordingJob>(job => job.RunAsync(entry.Id, entry.Subject, CancellationToken.None));
                            Log.Enqueued(logger, entry.Kind, entry.Subject);
                            break;
                        case RecordingJobs.Call:
                            jobs.Enqueue<CallRecordingJob>(job => job.RunAsync(entry.Id, entry.Subject, CancellationToken.None));
                            Log.Enqueued(logger, entry.Kind, entry.Subject);
                            break;
                        default:
                            Log.UnknownKind(logger, entry.Kind, entry.Id);
                            break;
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
