using LiveRoom.Contracts.Common;
using LiveRoom.Server.Auth;
using LiveRoom.Server.Diagnostics;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace LiveRoom.Server.Hubs;

/// <summary>
/// Caps how many hub calls one connection may make (ASP.NET's rate-limiting middleware does not see
/// WebSocket messages, so the hub does it). Each connection has its own bucket.
/// </summary>
public sealed partial class HubCallRateLimitFilter(IOptions<HubLimitsOptions> options, TimeProvider time, LiveRoomMetrics metrics, HubRefusalGuard guard, ILogger<HubCallRateLimitFilter> logger) : IHubFilter
{
    private const string BucketKey = "liveroom:call-bucket";

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        var items = invocationContext.Context.Items;
        var now = time.GetUtcNow();
        TokenBucket bucket;
        lock (items)
        {
            if (items.TryGetValue(BucketKey, out var existing) && existing is TokenBucket found)
            {
                bucket = found;
            }
            else
            {
                bucket = new TokenBucket(options.Value.CallsPerSecond, options.Value.CallBurst, now);
                items[BucketKey] = bucket;
            }
        }

        bool allowed;
        lock (bucket) allowed = bucket.TryTake(now);
        if (!allowed)
        {
            metrics.Refused();
            if (guard.MayLog(invocationContext.Context)) Log.TooManyCalls(logger, invocationContext.Context.ConnectionId, Caller.From(invocationContext.Context.User)?.Id ?? "anonymous", invocationContext.HubMethodName);
            throw HubRefusal.TooManyCalls();
        }

        return await next(invocationContext);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 2101, Level = LogLevel.Warning, Message = "Connection {ConnectionId} ({CallerId}) refused: too many hub calls ({Method})")]
        public static partial void TooManyCalls(ILogger logger, string connectionId, string callerId, string method);
    }
}
