namespace LiveRoom.Server.Live;

/// <summary>
/// Adds lines to a live HLS media playlist as it is served (ffmpeg writes the file; what the server knows beside
/// it, such as the moments product cards were shown, is added on the way out).
/// </summary>
public interface IMediaPlaylistAmender
{
    /// <summary>The playlist to send for <paramref name="roomId"/>, given the text ffmpeg wrote.</summary>
    ValueTask<string> AmendAsync(string roomId, string playlist, CancellationToken cancellationToken);
}
