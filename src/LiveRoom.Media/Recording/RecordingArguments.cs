using System.Globalization;
using LiveRoom.Media.Transcoding;

namespace LiveRoom.Media.Recording;

/// <summary>The ffmpeg command lines that turn a room's archive into its recording (pure, golden-tested).</summary>
public static class RecordingArguments
{
    /// <summary>
    /// The archived sessions listed in <paramref name="concatList"/> → one MP4 with the index at the front
    /// (faststart, so playback starts before the download ends). Streams are copied, not re-encoded; the
    /// concat demuxer lays the sessions end to end. Progress goes to standard output.
    /// </summary>
    public static FfmpegCommand Mp4(string concatList, string output) => new(
        ["-hide_banner", "-nostats", "-loglevel", "error", "-y", "-protocol_whitelist", "file", "-f", "concat", "-safe", "0"],
        concatList,
        ["-map", "0:v:0?", "-map", "0:a:0?", "-c", "copy", "-movflags", "+faststart", "-progress", "pipe:1", "-f", "mp4"],
        output);

    /// <summary>One frame at <paramref name="atSeconds"/> of the recording, as a JPEG poster 640 pixels wide.</summary>
    public static FfmpegCommand Poster(string recording, double atSeconds, string output) => new(
        ["-hide_banner", "-nostats", "-loglevel", "error", "-y", "-protocol_whitelist", "file", "-ss", atSeconds.ToString("0.###", CultureInfo.InvariantCulture)],
        recording,
        ["-frames:v", "1", "-vf", "scale=640:-2", "-q:v", "3", "-f", "image2"],
        output);

    /// <summary>The concat demuxer's list: one <c>file '…'</c> line per archive, quotes escaped.</summary>
    public static string ConcatList(IEnumerable<string> archives) =>
        string.Concat(archives.Select(path => $"file '{path.Replace("'", "'\\''", StringComparison.Ordinal)}'\n"));
}
