using LiveRoom.Contracts.Common;

namespace LiveRoom.Server.Calls.Items;

/// <summary>The refusals of a call's files and items over HTTP, worded in one place.</summary>
public static class CallItemRefusals
{
    public static Refusal NoSuchCall { get; } = new(RefusalCode.NotFound, "There is no such call.");

    public static Refusal NoSuchFile { get; } = new(RefusalCode.NotFound, "There is no such file in that call.");

    public static Refusal NotAllowed { get; } = new(RefusalCode.NotAllowed, "You may not see this call's files.");

    public static Refusal Empty { get; } = new(RefusalCode.Invalid, "The file is empty.");

    public static Refusal Type(IReadOnlyList<string> allowed) => new(RefusalCode.Invalid, $"That kind of file cannot be shared here: send one of {string.Join(", ", allowed)}.");

    public static Refusal NotWhatItSays(string mediaType) => new(RefusalCode.Invalid, $"The file's content is not {mediaType}, as its type says.");
}
