using System.Security.Cryptography;

namespace LiveRoom.Contracts.Calls;

/// <summary>Ids of a call's messages and files: unguessable, so knowing one is no way to a file.</summary>
public static class CallItemIds
{
    public static string NewMessageId() => "cm_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));

    public static string NewFileId() => "cf_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));

    public static bool IsFileId(string? id) =>
        id is { Length: 27 } && id.StartsWith("cf_", StringComparison.Ordinal) && id.AsSpan(3).IndexOfAnyExcept("0123456789abcdef") < 0;
}
