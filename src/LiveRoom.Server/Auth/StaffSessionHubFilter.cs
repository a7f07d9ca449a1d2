using System.Security.Claims;
using LiveRoom.Server.Hubs;
using Microsoft.AspNetCore.SignalR;

namespace LiveRoom.Server.Auth;

/// <summary>
/// Keeps track of staff hub connections (so a revocation on this node closes them at once) and checks a staff
/// caller's stamp on each call, which is how a revocation made on another node reaches an open connection
/// (within the stamp cache time). Viewer connections pass untouched: no lookup per viewer message.
/// </summary>
public sealed class StaffSessionHubFilter(StaffSessions sessions, StaffConnections connections) : IHubFilter
{
    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        var user = context.Context.User;
        var staff = user is not null && StaffSessions.IsStaff(user) && user.FindFirstValue(ClaimTypes.NameIdentifier) is not null;
        if (staff) connections.Add(user!.FindFirstValue(ClaimTypes.NameIdentifier)!, context.Context);
        // The hub's own connect runs either way, so its disconnect (which always runs) has a connect to pair with.
        await next(context);
        // A revocation between the authenticated upgrade and the registration above would miss this connection.
        if (staff && !await sessions.IsCurrentAsync(user!, context.Context.ConnectionAborted)) context.Context.Abort();
    }

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        var hub = invocationContext.Context;
        if (hub.User is { } user && !await sessions.IsCurrentAsync(user, hub.ConnectionAborted))
        {
            hub.Abort();
            throw HubRefusal.SessionEnded();
        }

        return await next(invocationContext);
    }

    public Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        if (context.Context.User?.FindFirstValue(ClaimTypes.NameIdentifier) is { } userId && StaffSessions.IsStaff(context.Context.User))
        {
            connections.Remove(userId, context.Context.ConnectionId);
        }

        return next(context, exception);
    }
}
