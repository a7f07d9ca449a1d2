using LiveRoom.Contracts.Calls;
using LiveRoom.Contracts.Delivery;
using LiveRoom.Server.Calls.Ice;
using LiveRoom.Server.Delivery;
using LiveRoom.Server.Hubs;
using Microsoft.Extensions.Options;

namespace LiveRoom.Server.Calls;

/// <summary>Sends <c>callStarted</c> with ICE servers (and TURN credentials) minted for the one participant it reaches.</summary>
public sealed class CallStartedRoute(TurnCredentialMinter minter, IOptions<CallIceOptions> ice) : IPersonalEventRoute
{
    public Type EventType => typeof(CallStarted);

    public Task SendAsync(IRoomClient client, string personId, PersonalEvent personalEvent)
    {
        var call = ((CallStarted)personalEvent).Call;
        return client.callStarted(call with { IceServers = minter.For(call.CallId, personId), IceTransportPolicy = ice.Value.TransportPolicy });
    }
}
