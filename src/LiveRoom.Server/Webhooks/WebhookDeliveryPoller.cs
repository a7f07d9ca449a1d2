using Hangfire;
using Hangfire.States;
using LiveRoom.Contracts.Webhooks;
using Microsoft.Extensions.Options;

namespace LiveRoom.Server.Webhooks;

/// <summary>
/// Hands due deliveries to Hangfire. The delivery table is the only schedule (Hangfire's storage is in memory):
/// at start it picks up whatever was pending before a stop, and it claims each delivery before enqueuing it, so
/// several nodes sharing the database never send the same attempt twice.
/// </summary>
public sealed partial class WebhookDeliveryPoller(
    IWebhookDeliveries deliveries,
    IBackgroundJobClient jobs,
    WebhookDispatchSlots slots,
    IOptionsMonitor<WebhookOptions> options,
    TimeProvider time,
    ILogger<WebhookDeliveryPoller> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var settings = options.CurrentValue;
                try
                {
                    // No more in hand than the workers start well within a claim.
                    var room = (settings.Workers * 4) - slots.InFlight;
                    if (room > 0)
                    {
                        var claimed = await deliveries.ClaimDueAsync(time.GetUtcNow().AddSeconds(settings.ClaimSeconds), room, stoppingToken);
                        slots.Taken(claimed.Count);
                        foreach (var id in claimed)
                        {
                            jobs.Create(Hangfire.Common.Job.FromExpression<WebhookDeliveryJob>(job => job.RunAsync(id, CancellationToken.None)), new EnqueuedState(WebhookDeliveryJob.Queue));
                        }
                    }
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    Log.PollFailed(logger, ex);
                }

                await Task.Delay(TimeSpan.FromMilliseconds(settings.PollIntervalMilliseconds), time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 9520, Level = LogLevel.Error, Message = "Looking for due webhook deliveries failed; trying again")]
        public static partial void PollFailed(ILogger logger, Exception exception);
    }
}
