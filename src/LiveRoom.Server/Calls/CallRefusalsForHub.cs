using LiveRoom.Contracts.Common;

namespace LiveRoom.Server.Calls;

/// <summary>Refusals the hub makes itself about calls (the grains word theirs).</summary>
internal static class CallRefusalsForHub
{
    public static Refusal NoSuchAgent { get; } = new(RefusalCode.NotFound, "There is no such agent.");

    public static Refusal NoSuchCall { get; } = new(RefusalCode.NotFound, "There is no such call.");
}
