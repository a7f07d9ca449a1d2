using System.ComponentModel.DataAnnotations;

namespace LiveRoom.Server.Diagnostics;

/// <summary>When a quiet server hands memory back to the system (section <c>LiveRoom:Memory</c>).</summary>
public sealed class MemoryTrimOptions
{
    public const string SectionName = "LiveRoom:Memory";

    /// <summary>How often the server looks; 0 turns trimming off.</summary>
    [Range(0, 3_600)]
    public int CheckSeconds { get; set; } = 30;

    /// <summary>Garbage (managed memory beyond what was live after the last collection) worth a full, compacting collection.</summary>
    [Range(1, 65_536)]
    public int GarbageMegabytes { get; set; } = 64;

    /// <summary>The server counts as quiet when it allocated less than this since the last look.</summary>
    [Range(1, 65_536)]
    public int QuietAllocationMegabytes { get; set; } = 64;
}
