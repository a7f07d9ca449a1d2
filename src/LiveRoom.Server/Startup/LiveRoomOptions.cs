using System.ComponentModel.DataAnnotations;

namespace LiveRoom.Server.Startup;

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

    /// <summary>
    /// The addresses browsers reach this server at (e.g. <c>https://live.example.com</c>): its own origins for the
    /// hub's origin check and the host names it answers to (host filtering). Empty: the listening URLs (a wildcard
    /// such as <c>http://0.0.0.0:5080</c> means this machine's names and addresses). Loopback always answers.
    /// </summary>
    public string[] PublicUrls { get; set; } = [];

    /// <summary>Create a demo room at start when there is none (scripts/run.sh turns this on).</summary>
    public bool Demo { get; set; }
}
