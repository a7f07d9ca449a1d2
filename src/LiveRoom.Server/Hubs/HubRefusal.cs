using LiveRoom.Contracts.Common;

namespace LiveRoom.Server.Hubs;

/// <summary>Every refusal of the hub, built in one place: a readable message and a stable code.</summary>
internal static class HubRefusal
{
    /// <summary>The code of a call the hub could not bind (no such method, arguments of the wrong shape).</summary>
    public const string UnboundCode = "unknown_method";

    /// <summary>The code of a refusal that came without one (a <c>HubException</c> thrown by other code).</summary>
    public const string GenericCode = "refused";

    /// <summary>The code of a call made with a staff session that has ended.</summary>
    public const string SessionEndedCode = "session_ended";

    public static HubRefusedException ToException(Refusal refusal) => new(RefusalCodes.WireName(refusal.Code), refusal.Message);

    public static HubRefusedException NotAllowed() => From(RefusalCode.NotAllowed, "You are not allowed to do that.");

    public static HubRefusedException WrongRoom() => From(RefusalCode.NotAllowed, "Your identity is for another room.");

    public static HubRefusedException NotJoined() => ToException(Refusals.NotJoined);

    public static HubRefusedException Unbound() => new(UnboundCode, "There is no such method, or it takes other arguments.");

    public static HubRefusedException TooManyCalls() => From(RefusalCode.TooFast, "Too many requests. Slow down and try again.");

    public static HubRefusedException SessionEnded() => new(SessionEndedCode, "Your session has ended. Sign in again.");

    private static HubRefusedException From(RefusalCode code, string message) => new(RefusalCodes.WireName(code), message);
}
