using System.ComponentModel.DataAnnotations;

namespace LiveRoom.Server.Security;

/// <summary>What one HTTP request may make the server read (section <c>LiveRoom:Requests</c>).</summary>
public sealed class RequestLimitsOptions
{
    public const string SectionName = "LiveRoom:Requests";

    /// <summary>
    /// The largest request body any endpoint takes, unless the endpoint says otherwise (an upload). Every
    /// JSON call LiveRoom has fits in a few kilobytes; a larger body is refused with 413 before it is read.
    /// </summary>
    [Range(1_024, 1_073_741_824)]
    public long MaxBodyBytes { get; set; } = 64 * 1024;
}
