using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace LiveRoom.Server.Security;

/// <summary>
/// Caps request bodies for every endpoint. Kestrel refuses a body over the cap with 413 as soon as its
/// declared length (or, when it is sent in chunks, what has arrived) passes it, so an anonymous caller
/// cannot make the server buffer megabytes of JSON before any check runs. An endpoint that takes uploads
/// raises its own cap with <c>[RequestSizeLimit]</c> metadata.
/// </summary>
public static class RequestLimits
{
    public static IServiceCollection AddRequestLimits(this IServiceCollection services)
    {
        services.AddOptions<RequestLimitsOptions>().BindConfiguration(RequestLimitsOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<KestrelServerOptions>()
            .Configure<IOptions<RequestLimitsOptions>>((kestrel, limits) => kestrel.Limits.MaxRequestBodySize = limits.Value.MaxBodyBytes);
        return services;
    }
}
