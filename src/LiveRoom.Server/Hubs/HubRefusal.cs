using LiveRoom.Contracts.Model;
using Microsoft.AspNetCore.SignalR;

namespace LiveRoom.Server.Hubs;

/// <summary>Turns refused outcomes into the <see cref="HubException"/> a client sees.</summary>
internal static class HubRefusal
{
    public static HubException ToException(Refusal refusal) => new(refusal.Message);

    public static HubException NotAllowed() => new("You are not allowed to do that.");

    public static HubException WrongRoom() => new("Your identity is for another room.");

    public static HubException NotJoined() => new(Refusals.NotJoined.Message);

    public static HubException Unbound() => new("There is no such method, or it takes other arguments.");

    public static HubException TooManyCalls() => new("Too many requests. Slow down and try again.");
}
