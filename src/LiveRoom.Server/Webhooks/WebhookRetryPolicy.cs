using System.Net.Http.Headers;

namespace LiveRoom.Server.Webhooks;

/// <summary>When a failed delivery is tried again: the schedule's wait with some jitter, longer if the endpoint asked (Retry-After, capped).</summary>
internal static class WebhookRetryPolicy
{
    /// <summary>The next attempt after <paramref name="attempts"/> failed ones, or null when the schedule is spent.</summary>
    public static DateTimeOffset? NextAttempt(int attempts, DateTimeOffset now, TimeSpan? retryAfter, WebhookOptions options)
    {
        var delays = options.RetryDelays();
        if (attempts < 1 || attempts > delays.Count) return null;
        var delay = delays[attempts - 1];
        if (options.RetryJitter > 0)
        {
            delay *= 1 + (((Random.Shared.NextDouble() * 2) - 1) * options.RetryJitter);
        }

        if (retryAfter is { } asked && asked > delay)
        {
            var cap = TimeSpan.FromSeconds(options.MaxRetryAfterSeconds);
            delay = asked < cap ? asked : (cap > delay ? cap : delay);
        }

        return now + delay;
    }

    /// <summary>The wait a <c>Retry-After</c> header asks for (seconds or an HTTP date), if any.</summary>
    public static TimeSpan? RetryAfter(RetryConditionHeaderValue? header, DateTimeOffset now) => header switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date > now ? date - now : TimeSpan.Zero,
        _ => null,
    };
}
