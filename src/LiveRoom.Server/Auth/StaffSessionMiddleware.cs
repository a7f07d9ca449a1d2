using System.Security.Claims;

namespace LiveRoom.Server.Auth;

/// <summary>
/// Runs after authentication: a staff bearer token whose security stamp is no longer current (signed out,
/// password changed, disabled, deleted) is treated as no token at all, so every API and the hub answer 401.
/// </summary>
public sealed class StaffSessionMiddleware(RequestDelegate next, StaffSessions sessions)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!await sessions.IsCurrentAsync(context.User, context.RequestAborted))
        {
            context.User = new ClaimsPrincipal(new ClaimsIdentity());
        }

        await next(context);
    }
}
