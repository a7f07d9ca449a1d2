using Microsoft.AspNetCore.SignalR;

namespace LiveRoom.Server.Hubs;

/// <summary>A refused hub call: the message the caller sees and the stable code a program reads.</summary>
public sealed class HubRefusedException(string code, string message) : HubException(message)
{
    public string Code { get; } = code;
}
