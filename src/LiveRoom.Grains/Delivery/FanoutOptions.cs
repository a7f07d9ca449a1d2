using System.ComponentModel.DataAnnotations;

namespace LiveRoom.Grains.Delivery;

/// <summary>How a room grain coalesces events into frames for the web nodes.</summary>
public sealed class FanoutOptions
{
    public const string SectionName = "LiveRoom:Fanout";

    /// <summary>The shortest time between two frames of one room. An idle room sends at once.</summary>
    [Range(1, 5_000)]
    public int FrameIntervalMilliseconds { get; set; } = 50;

    /// <summary>A web node not heard from for this long is dropped from the room's listeners.</summary>
    [Range(5, 3_600)]
    public int NodeTimeoutSeconds { get; set; } = 90;
}
