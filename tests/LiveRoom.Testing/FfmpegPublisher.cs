using System.Diagnostics;
using LiveRoom.Shared;

namespace LiveRoom.Testing;

/// <summary>
/// A real ffmpeg publishing a test pattern (a moving picture and a tone) over RTMP, as a host's OBS would.
/// It runs in the background until it has sent <c>seconds</c> of stream, or is killed.
/// </summary>
public sealed class FfmpegPublisher : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Task<string> _errors;

    private FfmpegPublisher(Process process)
    {
        _process = process;
        _errors = process.StandardError.ReadToEndAsync();
    }

    public static FfmpegPublisher Start(string url, double seconds, int width = 1280, int height = 720, int fps = 30)
    {
        var arguments = TestPattern.PublishArguments(url, seconds, width, height, fps, keyframeInterval: fps * 2, videoBitrate: "1500k");
        return new FfmpegPublisher(ToolProcess.Start("ffmpeg", arguments, redirectInput: true));
    }

    /// <summary>Waits for ffmpeg to finish; its exit code and what it printed.</summary>
    public async Task<(int ExitCode, string Errors)> WaitAsync(TimeSpan timeout)
    {
        await _process.WaitForExitAsync().WaitAsync(timeout);
        return (_process.ExitCode, await _errors);
    }

    /// <summary>Drops the connection the way a crashed encoder or a lost network would.</summary>
    public void Kill()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
    }

    public async ValueTask DisposeAsync()
    {
        Kill();
        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
