using System.Security.Claims;
using LiveRoom.Server.Auth;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace LiveRoom.Server.Hubs;

/// <summary>
/// Keeps what one connection's refused calls cost bounded. Refusals are expected (a viewer typing too
/// fast, a page calling before it joined), so each is at most one line without a stack trace, and only
/// <see cref="HubLimitsOptions.RefusalLogLinesPerMinute"/> of them per connection per minute; the rest are
/// summed up in one line. A connection refused more than <see cref="HubLimitsOptions.MaxRefusalsPerMinute"/>
/// times in a minute is not a person making mistakes: it is closed. Calls of methods that do not exist or
/// with arguments of the wrong shape are refused by the hub too (<see cref="UnboundCallProtocol"/>).
/// </summary>
public sealed partial class HubRefusalGuard(IOptions<HubLimitsOptions> options, TimeProvider time, ILogger<HubRefusalGuard> logger)
{
    /// <summary>Whether a line about a refusal on this connection may be written now.</summary>
    public bool MayLog(HubCallerContext context)
    {
        var now = time.GetUtcNow();
        var may = Of(context, now).Lines.TryTake(now, out var heldBack);
        if (heldBack > 0) Log.Unlogged(logger, context.ConnectionId, CallerId(context.User), heldBack);
        return may;
    }

    /// <summary>Counts a refused call; closes the connection once it has been refused too often.</summary>
    public void Refused(HubCallerContext context)
    {
        var now = time.GetUtcNow();
        if (!Of(context, now).Count(now, options.Value.MaxRefusalsPerMinute, out var refused)) return;
        Log.Closed(logger, context.ConnectionId, CallerId(context.User), refused);
        context.Abort();
    }

    /// <summary>Sums up the lines a closing connection had held back.</summary>
    public void Disconnected(HubCallerContext context)
    {
        var unlogged = ConnectionRefusals.Find(context.Items)?.Lines.TakeHeldBack() ?? 0;
        if (unlogged > 0) Log.Unlogged(logger, context.ConnectionId, CallerId(context.User), unlogged);
    }

    private ConnectionRefusals Of(HubCallerContext context, DateTimeOffset now) =>
        ConnectionRefusals.Of(context.Items, options.Value.RefusalLogLinesPerMinute, now);

    private static string CallerId(ClaimsPrincipal? user) => Caller.From(user)?.Id ?? "anonymous";

    private static partial class Log
    {
        [LoggerMessage(EventId = 2102, Level = LogLevel.Information, Message = "Connection {ConnectionId} ({CallerId}): {Count} more refused calls not logged")]
        public static partial void Unlogged(ILogger logger, string connectionId, string callerId, int count);

        [LoggerMessage(EventId = 2103, Level = LogLevel.Warning, Message = "Connection {ConnectionId} ({CallerId}) closed: {Count} refused calls within a minute")]
        public static partial void Closed(ILogger logger, string connectionId, string callerId, int count);
    }
}
