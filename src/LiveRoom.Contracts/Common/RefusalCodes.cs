using System.Text.Json;

namespace LiveRoom.Contracts.Common;

/// <summary>The stable wire names of <see cref="RefusalCode"/>s (<c>too_fast</c>, <c>too_many_connections</c>, …) that clients read instead of the text.</summary>
public static class RefusalCodes
{
    public static string WireName(RefusalCode code) => JsonNamingPolicy.SnakeCaseLower.ConvertName(code.ToString());
}
