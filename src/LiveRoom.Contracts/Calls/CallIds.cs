using System.Security.Cryptography;

namespace LiveRoom.Contracts.Calls;

/// <summary>Ids of tickets and calls: unguessable, so knowing one is no way into a call.</summary>
public static class CallIds
{
    public static string NewTicketId() => "t_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    public static string NewCallId() => "c_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));

    public static bool IsCallId(string? id) =>
        id is { Length: 26 } && id.StartsWith("c_", StringComparison.Ordinal) && id.AsSpan(2).IndexOfAnyExcept("0123456789abcdef") < 0;
}
