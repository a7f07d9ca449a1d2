using System.ComponentModel.DataAnnotations;

namespace LiveRoom.Server.Options;

/// <summary>Limits on anonymous viewer identities.</summary>
public sealed class ViewerOptions
{
    public const string SectionName = "LiveRoom:Viewers";

    /// <summary>
    /// How many connections of one viewer identity may be joined to its room on one web node at once
    /// (several tabs or devices); the next one is refused with <c>too_many_connections</c>.
    /// </summary>
    [Range(1, 1_000)]
    public int MaxConnectionsPerViewer { get; set; } = 5;
}
