using System.ComponentModel.DataAnnotations;

namespace LiveRoom.Media.Transcoding;

/// <summary>One lower rendition of the ladder: its height and bitrates.</summary>
public sealed class LadderRung
{
    [Range(90, 4320)]
    public int Height { get; set; }

    [Range(100, 50_000)]
    public int VideoKbps { get; set; }
}
