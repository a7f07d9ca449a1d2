using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using Hangfire;
using LiveRoom.Contracts.Webhooks;
using Microsoft.Extensions.Options;

namespace LiveRoom.Server.Webhooks;

/// <summary>
/// One attempt of one delivery: a signed JSON POST (Standard Webhooks headers), 2xx is success, anything else
/// a failure retried on the schedule; 410 Gone turns the endpoint off; redirects are not followed. The outcome
/// is written back to the delivery, which is what the next attempt (on any node, after any restart) works from.
/// </summary>
public sealed partial class WebhookDeliveryJob(
    IWebhookDeliveries deliveries,
    IHttpClientFactory clients,
    IOptionsMonitor<WebhookOptions> options,
    WebhookDispatchSlots slots,
    TimeProvider time,
    ILogger<WebhookDeliveryJob> logger)
{
    /// <summary>The Hangfire queue webhook jobs run in, with workers of their own (long recording jobs never hold them up).</summary>
    public const string Queue = "webhooks";

    public const string HttpClientName = "LiveRoom.Webhooks";

    public const string UserAgent = "LiveRoom-Webhooks/1.0 (+https://www.standardwebhooks.com)";

    [AutomaticRetry(Attempts = 0)]
    [JobDisplayName("Webhook delivery {0}")]
    public async Task RunAsync(string deliveryId, CancellationToken cancellationToken)
    {
        try
        {
            var dispatch = await deliveries.GetDispatchAsync(deliveryId, cancellationToken);
            if (dispatch is null || dispatch.Status != WebhookDeliveryStatus.Pending || !dispatch.EndpointEnabled) return;
            var result = await AttemptAsync(dispatch, cancellationToken);
            await deliveries.RecordAttemptAsync(deliveryId, result, CancellationToken.None);
            if (result.Succeeded) Log.Delivered(logger, dispatch.EventId, dispatch.EndpointId, result.StatusCode ?? 0, result.DurationMs);
            else if (result.DisableEndpoint is not null) Log.Disabled(logger, dispatch.EndpointId, dispatch.EventId);
            else if (result.NextAttemptAt is { } next) Log.WillRetry(logger, dispatch.EventId, dispatch.EndpointId, dispatch.Attempts + 1, result.Error ?? string.Empty, next);
            else Log.GaveUp(logger, dispatch.EventId, dispatch.EndpointId, dispatch.Attempts + 1, result.Error ?? string.Empty);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The server is stopping: the claim runs out and the attempt is made again (here or on another node).
        }
        catch (Exception ex)
        {
            Log.JobFailed(logger, ex, deliveryId);
        }
        finally
        {
            slots.Released();
        }
    }

    private async Task<WebhookAttemptResult> AttemptAsync(WebhookDispatch dispatch, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        var now = time.GetUtcNow();
        var timestamp = now.ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, dispatch.Url);
        request.Content = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(dispatch.Body));
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.TryAddWithoutValidation("webhook-id", dispatch.EventId);
        request.Headers.TryAddWithoutValidation("webhook-timestamp", timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.TryAddWithoutValidation("webhook-signature", WebhookSecrets.Signature(dispatch.Keys.ValidAt(now), dispatch.EventId, timestamp, dispatch.Body));
        request.Headers.TryAddWithoutValidation("User-Agent", UserAgent);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(settings.TimeoutSeconds));
        var started = Stopwatch.GetTimestamp();
        int? statusCode = null;
        string error;
        TimeSpan? retryAfter = null;
        try
        {
            using var response = await clients.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            statusCode = (int)response.StatusCode;
            var elapsed = Milliseconds(started);
            if (statusCode is >= 200 and < 300) return new WebhookAttemptResult(true, statusCode, null, elapsed, time.GetUtcNow(), null, null);
            if (statusCode == 410)
            {
                return new WebhookAttemptResult(false, statusCode, "The endpoint answered 410 Gone: it was turned off.", elapsed, time.GetUtcNow(), null, "The endpoint answered 410 Gone.");
            }

            error = statusCode is >= 300 and < 400
                ? $"The endpoint answered {statusCode} (a redirect{(response.Headers.Location is { } to ? " to " + to : string.Empty)}); redirects are not followed."
                : $"The endpoint answered {statusCode}.";
            retryAfter = WebhookRetryPolicy.RetryAfter(response.Headers.RetryAfter, time.GetUtcNow());
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            error = $"No answer within {settings.TimeoutSeconds} s.";
        }
        catch (HttpRequestException ex)
        {
            error = Refusal(ex) ?? ex.Message;
        }

        var at = time.GetUtcNow();
        return new WebhookAttemptResult(false, statusCode, error, Milliseconds(started), at, WebhookRetryPolicy.NextAttempt(dispatch.Attempts + 1, at, retryAfter, settings), null);
    }

    private static string? Refusal(Exception? ex)
    {
        for (; ex is not null; ex = ex.InnerException)
        {
            if (ex is WebhookTargetRefusedException refused) return refused.Message;
        }

        return null;
    }

    private static int Milliseconds(long started) => (int)Math.Min(int.MaxValue, Stopwatch.GetElapsedTime(started).TotalMilliseconds);

    private static partial class Log
    {
        [LoggerMessage(EventId = 9510, Level = LogLevel.Information, Message = "Webhook {EventId} delivered to {EndpointId} ({StatusCode}, {DurationMs} ms)")]
        public static partial void Delivered(ILogger logger, string eventId, string endpointId, int statusCode, int durationMs);

        [LoggerMessage(EventId = 9511, Level = LogLevel.Warning, Message = "Webhook {EventId} to {EndpointId} failed (attempt {Attempt}: {Error}); next attempt at {NextAttemptAt}")]
        public static partial void WillRetry(ILogger logger, string eventId, string endpointId, int attempt, string error, DateTimeOffset nextAttemptAt);

        [LoggerMessage(EventId = 9512, Level = LogLevel.Error, Message = "Webhook {EventId} to {EndpointId} failed for good after {Attempts} attempts: {Error}")]
        public static partial void GaveUp(ILogger logger, string eventId, string endpointId, int attempts, string error);

        [LoggerMessage(EventId = 9513, Level = LogLevel.Warning, Message = "Webhook endpoint {EndpointId} answered 410 Gone to {EventId} and was turned off")]
        public static partial void Disabled(ILogger logger, string endpointId, string eventId);

        [LoggerMessage(EventId = 9514, Level = LogLevel.Error, Message = "Webhook delivery {DeliveryId}: the attempt could not be made or recorded")]
        public static partial void JobFailed(ILogger logger, Exception exception, string deliveryId);
    }
}
