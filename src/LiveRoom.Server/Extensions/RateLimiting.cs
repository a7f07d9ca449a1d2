using System.Threading.RateLimiting;
using LiveRoom.Server.Options;
using Microsoft.Extensions.Options;

namespace LiveRoom.Server;

/// <summary>Per client address limits on the APIs anyone may call.</summary>
public static class RateLimiting
{
    public const string LoginPolicy = "login";
    public const string ViewerIdentityPolicy = "viewer-identity";

    public static IServiceCollection AddLiveRoomRateLimits(this IServiceCollection services) =>
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(LoginPolicy, context => PerClient(context, o => o.LoginsPerMinute));
            limiter.AddPolicy(ViewerIdentityPolicy, context => PerClient(context, o => o.ViewerIdentitiesPerMinute));
            limiter.OnRejected = async (context, cancellationToken) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "60";
                await Results.Problem(detail: "Too many requests from your address. Wait a minute and try again.", statusCode: StatusCodes.Status429TooManyRequests)
                    .ExecuteAsync(context.HttpContext);
            };
        });

    private static RateLimitPartition<string> PerClient(HttpContext context, Func<RateLimitOptions, int> permits)
    {
        var limit = permits(context.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value);
        var client = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        return RateLimitPartition.GetFixedWindowLimiter($"{client}/{limit}", _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = limit,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        });
    }
}
