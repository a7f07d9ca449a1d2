using LiveRoom.Shared;

namespace LiveRoom.Media.Tests;

/// <summary>Runs the real ffmpeg as an RTMP publisher of a test pattern with a tone.</summary>
public static class Ffmpeg
{
    public static async Task<(int ExitCode, string Errors)> PublishAsync(string url, double seconds, TimeSpan timeout)
    {
        var arguments = TestPattern.PublishArguments(url, seconds, width: 320, height: 240, fps: 25, keyframeInterval: 25, videoBitrate: null);
        var (exitCode, _, errors) = await ToolProcess.RunAsync("ffmpeg", arguments, timeout);
        return (exitCode, errors);
    }
}
