namespace LiveRoom.Media.Transcoding;

/// <summary>One rendition of a planned ladder. The source rendition is passed through (<see cref="VideoKbps"/> is null).</summary>
public sealed record Rendition(string Name, int Height, int? VideoKbps)
{
    public bool IsPassthrough => VideoKbps is null;
}
