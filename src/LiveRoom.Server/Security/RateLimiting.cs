using System.Globalization;
using System.Threading.RateLimiting;
using LiveRoom.Server.Viewers;
using Microsoft.Extensions.Options;

namespace LiveRoom.Server.Security;

/// <summary>Per client address limits on the APIs anyone may call.</summary>
public static class RateLimiting
{
    public const string LoginPolicy = "login";
    public const string ViewerIdentityPolicy = "viewer-identity";
    public const string ChatHistoryPolicy = "chat-history";

    public static IServiceCollection AddLiveRoomRateLimits(this IServiceCollection services) =>
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(LoginPolicy, context => PerClient(context, o => o.LoginsPerMinute));
            limiter.AddPolicy(ViewerIdentityPolicy, PerRoomAndClient);
            limiter.AddPolicy(ChatHistoryPolicy, ChatHistoryPerClient);
            limiter.OnRejected = async (context, cancellationToken) =>
            {
                var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1);
                var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
                context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                await Results.Problem(
                        detail: seconds == 1 ? "Too many requests from your address. Try again in a second." : $"Too many requests from your address. Try again in {seconds} seconds.",
                        statusCode: StatusCodes.Status429TooManyRequests,
                        extensions: new Dictionary<string, object?> { ["code"] = "too_fast", ["retryAfterSeconds"] = seconds })
                    .ExecuteAsync(context.HttpContext);
            };
        });

    private static RateLimitPartition<string> PerClient(HttpContext context, Func<RateLimitOptions, int> permits)
    {
        var limit = permits(context.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value);
        // The client network (an IPv4 address, or an IPv6 /64: one host holds a whole /64).
        var client = Viewers.ClientAddress.Of(context);
        return RateLimitPartition.GetFixedWindowLimiter($"{client}/{limit}", _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = limit,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        });
    }

    /// <summary>
    /// New viewer identities: a token bucket per room and client network (IPv4 address or IPv6 /64). The
    /// burst lets a whole office behind one NAT in at the start of a show; the refill keeps a steady
    /// trickle of late-comers possible while a flood from one address is held back.
    /// </summary>
    private static RateLimitPartition<string> PerRoomAndClient(HttpContext context)
    {
        var options = context.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value;
        var room = context.Request.RouteValues["id"] as string ?? string.Empty;
        return TokenBucket($"{room}|{ClientAddress.Of(context)}", options.ViewerIdentityBurst, options.ViewerIdentitiesPerMinute);
    }

    /// <summary>
    /// Reading the chat history (a page catching up after a reconnect, a replay): a token bucket per client
    /// network, whatever the room, as each page may be a thousand rows. The burst lets an office's pages catch
    /// up at once after a drop; a loop from one address is held back.
    /// </summary>
    private static RateLimitPartition<string> ChatHistoryPerClient(HttpContext context)
    {
        var options = context.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value;
        return TokenBucket($"history|{ClientAddress.Of(context)}", options.ChatHistoryBurst, options.ChatHistoryPerMinute);
    }

    private static RateLimitPartition<string> TokenBucket(string partition, int burst, int perMinute) =>
        RateLimitPartition.GetTokenBucketLimiter(string.Create(CultureInfo.InvariantCulture, $"{partition}|{burst}|{perMinute}"), _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = burst,
            // At least one token a second when the rate allows it, else one token per 60/perMinute seconds.
            TokensPerPeriod = Math.Max(1, perMinute / 60),
            ReplenishmentPeriod = perMinute >= 60 ? TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(60.0 / perMinute),
            QueueLimit = 0,
            AutoReplenishment = true,
        });
}
