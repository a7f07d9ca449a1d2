using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LiveRoom.Server.Calls.Ice;

/// <summary>Registers the ICE servers of private calls: configured STUN/TURN servers and minted TURN credentials.</summary>
public static class CallIceExtensions
{
    /// <summary>
    /// Binds <see cref="CallIceOptions"/> (section <c>LiveRoom:Calls:Ice</c>, validated at start) and registers
    /// <see cref="TurnCredentialMinter"/>.
    /// </summary>
    public static WebApplicationBuilder AddCallIce(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<CallIceOptions>().BindConfiguration(CallIceOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<TurnCredentialMinter>();
        return builder;
    }
}
