namespace LiveRoom.Media.Live;

/// <summary>Where live output and archives go, under the data directory.</summary>
public sealed class LivePaths(string dataDirectory)
{
    /// <summary>The HLS output of a room: <c>master.m3u8</c> and one folder per rendition.</summary>
    public string LiveDirectory(string roomId) => Path.Combine(dataDirectory, "live", roomId);

    /// <summary>The source archive of a room: one FLV file per publishing session.</summary>
    public string ArchiveDirectory(string roomId) => Path.Combine(dataDirectory, "archive", roomId);
}
