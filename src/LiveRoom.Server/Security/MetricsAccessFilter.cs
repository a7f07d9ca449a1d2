using System.Net;
using System.Security.Cryptography;
using System.Text;
using LiveRoom.Server.Diagnostics;
using Microsoft.Extensions.Options;

namespace LiveRoom.Server.Security;

/// <summary>
/// Lets a request read <c>/metrics</c> only from an allowed network or with the scrape token; anyone else
/// gets <c>403</c>.
/// </summary>
public sealed partial class MetricsAccessFilter(IOptions<MetricsOptions> options, ILogger<MetricsAccessFilter> logger) : IEndpointFilter
{
    private readonly IPNetwork[] _networks = [.. options.Value.Networks().Select(n => IPNetwork.Parse(n))];

    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (FromAllowedNetwork(http.Connection.RemoteIpAddress) || HasScrapeToken(http.Request)) return next(context);
        Log.Refused(logger, http.Connection.RemoteIpAddress?.ToString() ?? "unknown");
        return ValueTask.FromResult<object?>(Http.Problems.Refused(StatusCodes.Status403Forbidden, "metrics_not_allowed",
            "Metrics are for configured addresses or a scraper with the scrape token."));
    }

    private bool FromAllowedNetwork(IPAddress? address)
    {
        if (address is null) return false;
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        return _networks.Any(n => n.Contains(address));
    }

    private bool HasScrapeToken(HttpRequest request)
    {
        var expected = options.Value.ScrapeToken;
        var header = request.Headers.Authorization.ToString();
        const string prefix = "Bearer ";
        if (string.IsNullOrEmpty(expected) || !header.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) return false;
        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(header[prefix.Length..].Trim()), Encoding.UTF8.GetBytes(expected));
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 4002, Level = LogLevel.Debug, Message = "Refused /metrics to {Address}: not an allowed network and no scrape token")]
        public static partial void Refused(ILogger logger, string address);
    }
}
