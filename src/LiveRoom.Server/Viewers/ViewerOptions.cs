using System.ComponentModel.DataAnnotations;

namespace LiveRoom.Server.Viewers;

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

    /// <summary>
    /// How many hub connections one viewer identity may hold open on one web node, joined or not. Beyond
    /// it a new connection is closed at once (a well-behaved page never gets there: its sixth tab is
    /// refused at <c>JoinRoom</c> with a reason, and that tab holds one connection).
    /// </summary>
    [Range(1, 10_000)]
    public int MaxOpenConnectionsPerViewer { get; set; } = 10;
}
