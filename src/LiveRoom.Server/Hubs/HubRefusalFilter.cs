using Microsoft.AspNetCore.SignalR;

namespace LiveRoom.Server.Hubs;

/// <summary>
/// The outermost hub filter: every <see cref="HubException"/> a call ends with is a refusal and is counted
/// (<see cref="HubRefusalGuard"/>); any other failure is a fault of ours, logged here with its stack trace
/// (SignalR's own line for it is switched off, as it would log every refusal as an error too).
/// </summary>
public sealed partial class HubRefusalFilter(HubRefusalGuard guard, ILogger<HubRefusalFilter> logger) : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        try
        {
            return await next(invocationContext);
        }
        catch (HubException)
        {
            guard.Refused(invocationContext.Context);
            throw;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            if (guard.MayLog(invocationContext.Context))
            {
                Log.Failed(logger, ex, invocationContext.HubMethodName, invocationContext.Context.ConnectionId);
            }

            throw;
        }
    }

    public async Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        guard.Disconnected(context.Context);
        await next(context, exception);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 2105, Level = LogLevel.Error, Message = "Hub method {Method} failed on connection {ConnectionId}")]
        public static partial void Failed(ILogger logger, Exception exception, string method, string connectionId);
    }
}
