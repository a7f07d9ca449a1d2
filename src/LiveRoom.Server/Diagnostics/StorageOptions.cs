using System.ComponentModel.DataAnnotations;

namespace LiveRoom.Server.Diagnostics;

/// <summary>How the data directory's free space is watched (section <c>LiveRoom:Storage</c>).</summary>
public sealed class StorageOptions
{
    public const string SectionName = "LiveRoom:Storage";

    /// <summary>
    /// Below this much free space in the data directory the server warns in its log and <c>/readyz</c> fails,
    /// before ffmpeg (live segments, archives, recordings) and the database run out. 0 turns the check off.
    /// </summary>
    [Range(0, int.MaxValue)]
    public int MinFreeDiskMegabytes { get; set; } = 1_024;

    /// <summary>How often the free space is read for the log (readiness reads it at each request).</summary>
    [Range(1, 3_600)]
    public int DiskCheckSeconds { get; set; } = 30;
}
