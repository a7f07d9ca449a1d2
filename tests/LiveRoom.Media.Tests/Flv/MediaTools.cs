using LiveRoom.Shared;

namespace LiveRoom.Media.Tests.Flv;

/// <summary>Runs ffmpeg or ffprobe with an argument list and a timeout.</summary>
public static class MediaTools
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public static Task<(int ExitCode, string Output, string Errors)> RunAsync(string program, params string[] arguments) =>
        ToolProcess.RunAsync(program, arguments, Timeout);

    /// <summary>ffprobe's view of a file: its streams (codec, size, rate, packets) and duration, as JSON.</summary>
    public static async Task<string> ProbeAsync(string file)
    {
        var (exit, output, errors) = await RunAsync("ffprobe", "-v", "error", "-count_packets",
            "-show_entries", "stream=index,codec_type,codec_name,profile,width,height,pix_fmt,sample_rate,channels,nb_read_packets:format=format_name,duration",
            "-of", "json", file);
        exit.ShouldBe(0, errors);
        errors.ShouldBeEmpty($"ffprobe reads {file} without complaint");
        return output;
    }

    /// <summary>Decodes every frame of a file with ffmpeg; fails on any decoding error.</summary>
    public static async Task DecodeAsync(string file)
    {
        var (exit, _, errors) = await RunAsync("ffmpeg", "-hide_banner", "-nostdin", "-v", "error", "-i", file, "-f", "null", "-");
        exit.ShouldBe(0, errors);
        errors.ShouldBeEmpty($"ffmpeg decodes {file} without errors");
    }
}
