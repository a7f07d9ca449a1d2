using System.ComponentModel.DataAnnotations;

namespace LiveRoom.Server.Hubs;

/// <summary>Limits of the SignalR hub, applied per connection.</summary>
public sealed class HubLimitsOptions
{
    public const string SectionName = "LiveRoom:Hub";

    /// <summary>
    /// The largest message a connection may send; a larger one closes the connection. Sized for the largest
    /// call needs: a call's session description (up to 64 KiB) with its JSON framing.
    /// </summary>
    [Range(1_024, 1_048_576)]
    public int MaximumReceiveMessageSize { get; set; } = 72 * 1024;

    [Range(0.1, 100_000)]
    public double CallsPerSecond { get; set; } = 20;

    [Range(1, 100_000)]
    public int CallBurst { get; set; } = 40;

    /// <summary>Lines about one connection's refused calls written per minute; the rest are summed up in one line.</summary>
    [Range(0, 10_000)]
    public int RefusalLogLinesPerMinute { get; set; } = 10;

    /// <summary>Refused calls one connection may make in a minute before it is closed.</summary>
    [Range(1, 100_000)]
    public int MaxRefusalsPerMinute { get; set; } = 120;
}
