using System.ComponentModel.DataAnnotations;

namespace LiveRoom.Grains.Live;

/// <summary>How a room treats its publisher (section <c>LiveRoom:Live</c>).</summary>
public sealed class LiveOptions
{
    public const string SectionName = "LiveRoom:Live";

    /// <summary>How long an interrupted room waits for its publisher to come back before it ends.</summary>
    [Range(1, 86_400)]
    public int GracePeriodSeconds { get; set; } = 60;

    /// <summary>
    /// How often each node checks that rooms shown live or interrupted still have their ingest node (at start,
    /// then at this interval): a room whose node died is interrupted, one interrupted when a process died ends.
    /// </summary>
    [Range(1, 3_600)]
    public int IngestCheckSeconds { get; set; } = 30;
}
