using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;

namespace LiveRoom.Server.Hubs;

/// <summary>
/// A hub protocol (JSON or MessagePack) that hands a call SignalR cannot bind (a method that does not
/// exist, arguments of the wrong shape) to the hub's <see cref="RoomHub.Unbound"/> method, which refuses
/// it. Such calls never reach a hub filter otherwise, so they could not be counted, limited or logged like
/// every other refusal.
/// </summary>
internal sealed class UnboundCallProtocol(IHubProtocol inner) : IHubProtocol
{
    public string Name => inner.Name;

    public int Version => inner.Version;

    public TransferFormat TransferFormat => inner.TransferFormat;

    public bool IsVersionSupported(int version) => inner.IsVersionSupported(version);

    public bool TryParseMessage(ref ReadOnlySequence<byte> input, IInvocationBinder binder, [NotNullWhen(true)] out HubMessage? message)
    {
        if (!inner.TryParseMessage(ref input, binder, out message)) return false;
        if (message is InvocationBindingFailureMessage unbound)
        {
            message = new InvocationMessage(unbound.InvocationId, nameof(RoomHub.Unbound), [unbound.Target]);
        }

        return true;
    }

    public void WriteMessage(HubMessage message, IBufferWriter<byte> output) => inner.WriteMessage(message, output);

    public ReadOnlyMemory<byte> GetMessageBytes(HubMessage message) => inner.GetMessageBytes(message);
}
