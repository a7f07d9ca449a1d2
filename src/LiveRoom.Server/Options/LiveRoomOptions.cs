using System.ComponentModel.DataAnnotations;

namespace LiveRoom.Server.Options;

/// <summary>Settings of the whole server (section <c>LiveRoom</c>).</summary>
public sealed class LiveRoomOptions
{
    public const string SectionName = "LiveRoom";

    /// <summary>Where the database, keys and media live. <c>LIVEROOM_DATA</c> sets it too.</summary>
    [Required]
    public string DataDirectory { get; set; } = "data";

    /// <summary>The address viewers reach this server at (for links); empty: taken from each request.</summary>
    [Url]
    public string? PublicBaseUrl { get; set; }

    /// <summary>Create a demo room at start when there is none (scripts/run.sh turns this on).</summary>
    public bool Demo { get; set; }
}
