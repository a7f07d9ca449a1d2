using Microsoft.Extensions.Options;

namespace LiveRoom.Server.Security;

/// <summary>
/// Refuses hub requests (negotiation and WebSocket upgrades) that a browser sent from an origin that is
/// neither this server's own nor on the allow-list. Requests without an Origin header (non-browser
/// clients) pass; they still need a token. The server's own origins come from configuration
/// (<see cref="ServerOrigins"/>), never from the request's Host header, which a DNS-rebinding page controls.
/// </summary>
public sealed partial class OriginCheckMiddleware(RequestDelegate next, IOptionsMonitor<SecurityOptions> options, ServerOrigins own, ILogger<OriginCheckMiddleware> logger)
{
    public Task InvokeAsync(HttpContext context)
    {
        var origin = context.Request.Headers.Origin.ToString();
        if (origin.Length == 0 || IsAllowed(origin)) return next(context);
        Log.OriginRefused(logger, origin, context.Request.Path);
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        return context.Response.WriteAsync("This origin may not connect to LiveRoom.");
    }

    private bool IsAllowed(string origin)
    {
        if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri)) return false;
        if (own.IsOwn(uri)) return true;
        return options.CurrentValue.AllowedOrigins.Any(allowed =>
            Uri.TryCreate(allowed, UriKind.Absolute, out var a)
            && string.Equals(a.Scheme, uri.Scheme, StringComparison.OrdinalIgnoreCase)
            && string.Equals(a.Host, uri.Host, StringComparison.OrdinalIgnoreCase)
            && a.Port == uri.Port);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 4001, Level = LogLevel.Warning, Message = "Refused a hub request from origin {Origin} to {Path}: not on the allow-list")]
        public static partial void OriginRefused(ILogger logger, string origin, string path);
    }
}
