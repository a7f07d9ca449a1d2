using LiveRoom.Contracts.Common;
using Microsoft.AspNetCore.SignalR;

namespace LiveRoom.Server.Hubs;

/// <summary>
/// The outermost hub filter: every <see cref="HubException"/> a call ends with is a refusal and is counted
/// (<see cref="HubRefusalGuard"/>) and its code sent to the caller as a <c>refused</c> event; any other failure is a fault of ours, logged here with its stack trace
/// (SignalR's own line for it is switched off, as it would log every refusal as an error too).
/// </summary>
public sealed partial class HubRefusalFilter(HubRefusalGuard guard, IHubContext<RoomHub, IRoomClient> hub, ILogger<HubRefusalFilter> logger) : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        try
        {
            return await next(invocationContext);
        }
        catch (HubException ex)
        {
            var code = ex is HubRefusedException refused ? refused.Code : HubRefusal.GenericCode;
            // Written before the call's error on the same connection, so the client has it when the call fails.
            await hub.Clients.Client(invocationContext.Context.ConnectionId).refused(new RefusalNotice(CalledMethod(invocationContext), code, ex.Message));
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

    /// <summary>The method the client called: for a call the hub could not bind, the one it named.</summary>
    private static string CalledMethod(HubInvocationContext context) =>
        context.HubMethodName == nameof(RoomHub.Unbound) && context.HubMethodArguments is [string target] ? target : context.HubMethodName;

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
