using System.Globalization;

namespace LiveRoom.Media.Live;

/// <summary>Where live output and archives go, under the data directory.</summary>
public sealed class LivePaths(string dataDirectory)
{
    /// <summary>The UTC start in an archive's name, to the millisecond: it sorts as text in time order.</summary>
    private const string ArchiveStartFormat = "yyyyMMdd'T'HHmmssfff'Z'";

    /// <summary>How long that start is in a name (<c>20261122T150405123Z</c>).</summary>
    private const int ArchiveStartLength = 19;

    /// <summary>Where every room's HLS output is, one folder per room.</summary>
    public string LiveRoot => Path.Combine(dataDirectory, "live");

    /// <summary>The HLS output of a room: <c>master.m3u8</c> and one folder per rendition.</summary>
    public string LiveDirectory(string roomId) => Path.Combine(LiveRoot, roomId);

    /// <summary>The source archive of a room: one FLV file per publishing session.</summary>
    public string ArchiveDirectory(string roomId) => Path.Combine(dataDirectory, "archive", roomId);

    /// <summary>
    /// A publishing session's archive, <c>{start}-{sessionId}.flv</c>: named by when it started (UTC), so a
    /// recording can place each session on the same clock as the chat.
    /// </summary>
    public string ArchiveFile(string roomId, string sessionId, DateTimeOffset startedAt) =>
        Path.Combine(ArchiveDirectory(roomId), $"{startedAt.UtcDateTime.ToString(ArchiveStartFormat, CultureInfo.InvariantCulture)}-{sessionId}.flv");

    /// <summary>When the session archived in <paramref name="file"/> started, from its name; null for a name without it (older archives).</summary>
    public static DateTimeOffset? ArchiveStart(string file)
    {
        var name = Path.GetFileName(file);
        if (name.Length <= ArchiveStartLength || name[ArchiveStartLength] != '-') return null;
        return DateTime.TryParseExact(name[..ArchiveStartLength], ArchiveStartFormat, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var start)
            ? new DateTimeOffset(start, TimeSpan.Zero)
            : null;
    }
}
