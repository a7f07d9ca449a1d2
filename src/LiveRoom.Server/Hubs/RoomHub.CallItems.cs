using LiveRoom.Contracts.Calls;
using LiveRoom.Contracts.Common;

namespace LiveRoom.Server.Hubs;

/// <summary>Messages written during a call (files and snapshots come over HTTP: <c>Calls/Items</c>).</summary>
public sealed partial class RoomHub
{
    public async Task<CallMessage> SendCallMessage(string callId, string text)
    {
        var caller = EnterCall(callId);
        return UnwrapCall(caller, callId, await grains.Call(callId).SendMessageAsync(caller.Id, text ?? string.Empty));
    }
}
