using System.Globalization;

namespace LiveRoom.Shared;

/// <summary>The stream a test publisher sends, as a host's OBS would: a moving test picture and a 1 kHz tone.</summary>
internal static class TestPattern
{
    /// <summary>
    /// ffmpeg's arguments to publish <paramref name="seconds"/> of the pattern in real time to an RTMP
    /// <paramref name="url"/> (x264 ultrafast/zerolatency, a keyframe every <paramref name="keyframeInterval"/>
    /// frames; AAC at 64 kb/s), at the given video bitrate or x264's default quality.
    /// </summary>
    public static IReadOnlyList<string> PublishArguments(
        string url, double seconds, int width, int height, int fps, int keyframeInterval, string? videoBitrate)
    {
        List<string> arguments =
        [
            "-hide_banner", "-nostats", "-loglevel", "error", "-re",
            "-f", "lavfi", "-i", $"testsrc2=size={width}x{height}:rate={fps}",
            "-f", "lavfi", "-i", "sine=frequency=1000:sample_rate=48000",
            "-t", seconds.ToString(CultureInfo.InvariantCulture),
            "-c:v", "libx264", "-preset", "ultrafast", "-tune", "zerolatency", "-g", keyframeInterval.ToString(CultureInfo.InvariantCulture),
        ];
        if (videoBitrate is not null) arguments.AddRange(["-b:v", videoBitrate]);
        arguments.AddRange(["-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", "64k", "-f", "flv", url]);
        return arguments;
    }
}
