using System.ComponentModel.DataAnnotations;

namespace LiveRoom.Grains.Rules;

/// <summary>How a room treats its publisher (section <c>LiveRoom:Live</c>).</summary>
public sealed class LiveOptions
{
    public const string SectionName = "LiveRoom:Live";

    /// <summary>How long an interrupted room waits for its publisher to come back before it ends.</summary>
    [Range(1, 86_400)]
    public int GracePeriodSeconds { get; set; } = 60;
}
