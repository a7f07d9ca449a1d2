using System.Globalization;
using LiveRoom.Media.Live;

namespace LiveRoom.Server.Products;

/// <summary>
/// Tells what moment of a live stream is being written now, on the clock of its <c>EXT-X-PROGRAM-DATE-TIME</c>.
/// </summary>
/// <remarks>
/// ffmpeg (5.1, <c>-hls_flags program_date_time</c>) dates the first segment with the wall clock read when the HLS
/// muxer starts (to the whole second) and every later one by adding the durations before it; after a restart
/// with <c>append_list</c> it carries the dates of the playlist on. That clock runs with the media, not with the
/// server: it starts up to a second (plus the input's probing) off the wall clock, and falls behind it while a
/// publisher stalls. So a card is not dated with the server's clock alone. ffmpeg rewrites a media playlist at
/// the moment it cuts a segment, when the frame at the end of the last listed segment arrives: that end date
/// and the file's time of writing are one moment on both clocks. The offset between them, added to "now",
/// dates the frame arriving now — the one the host's viewers at the live edge of the ingest see.
/// Without a playlist on this node (not live, or the room's ingest is on another node) the offset is zero.
/// </remarks>
public sealed partial class StreamClock(LivePaths paths, TimeProvider time, ILogger<StreamClock> logger)
{
    /// <summary>The stream-clock date of the frame arriving now, and the wall clock it was read at.</summary>
    public Task<(DateTimeOffset Now, DateTimeOffset StreamTime)> ReadAsync(string roomId, CancellationToken cancellationToken) =>
        ReadAsync(roomId, attempt: 1, cancellationToken);

    private async Task<(DateTimeOffset Now, DateTimeOffset StreamTime)> ReadAsync(string roomId, int attempt, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var playlist = SourcePlaylist(roomId);
        if (playlist is null) return (now, now);
        try
        {
            var written = new DateTimeOffset(File.GetLastWriteTimeUtc(playlist), TimeSpan.Zero);
            var text = await File.ReadAllTextAsync(playlist, cancellationToken);
            // Written again between the two reads: the text is newer than the time; read the time again.
            var writtenAfter = new DateTimeOffset(File.GetLastWriteTimeUtc(playlist), TimeSpan.Zero);
            if (writtenAfter != written) return attempt < 3 ? await ReadAsync(roomId, attempt + 1, cancellationToken) : (now, now);
            if (MediaPlaylistTimes.End(text) is not { } end) return (now, now);
            var offset = end - written;
            Log.Offset(logger, roomId, offset.TotalMilliseconds);
            return (now, now + offset);
        }
        catch (IOException)
        {
            return (now, now);
        }
    }

    /// <summary>The passthrough rendition's playlist (<c>source</c>, or the tallest): it is copied, so it is written as the frames arrive.</summary>
    private string? SourcePlaylist(string roomId)
    {
        var directory = paths.LiveDirectory(roomId);
        if (!Directory.Exists(directory)) return null;
        string? best = null;
        var bestHeight = -1;
        foreach (var rendition in Directory.EnumerateDirectories(directory))
        {
            var name = Path.GetFileName(rendition);
            var height = name == "source" ? int.MaxValue
                : name.EndsWith('p') && int.TryParse(name.AsSpan(0, name.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var h) ? h : -1;
            var playlist = Path.Combine(rendition, "index.m3u8");
            if (height > bestHeight && File.Exists(playlist))
            {
                best = playlist;
                bestHeight = height;
            }
        }

        return best;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 9711, Level = LogLevel.Debug, Message = "Room {RoomId}: the stream clock is {OffsetMilliseconds} ms from the server's")]
        public static partial void Offset(ILogger logger, string roomId, double offsetMilliseconds);
    }
}
