using System.Globalization;
using System.Text;
using LiveRoom.Media.Transcoding;

namespace LiveRoom.Media.Recording;

/// <summary>
/// The ffmpeg command lines that turn a call's uploaded takes into its recording (pure, golden-tested).
/// A take arrives as the byte stream of a browser's MediaRecorder: a WebM with no length and no index,
/// whose timestamps need not start at zero.
/// </summary>
public static class CallRecordingArguments
{
    /// <summary>The frame rate of the recording: what a browser's canvas capture gives, made constant.</summary>
    public const int FrameRate = 30;

    /// <summary>
    /// One take's uploaded stream → the same streams copied into a Matroska file that states its length (so it can be
    /// probed and its share of the work known). A gap left by a missing chunk is skipped by the demuxer.
    /// </summary>
    public static FfmpegCommand Take(string uploaded, string output) => new(
        ["-hide_banner", "-nostats", "-loglevel", "error", "-y", "-protocol_whitelist", "file", "-f", "matroska,webm"],
        uploaded,
        ["-map", "0:v:0?", "-map", "0:a:0?", "-c", "copy", "-f", "matroska"],
        output);

    /// <summary>
    /// Every take, in order, → one MP4 (H.264 veryfast + AAC, index at the front) in a single ffmpeg run: each
    /// take is an input, brought to one picture size (fitted and padded), a constant frame rate and one audio
    /// format, its timestamps starting at zero, and the concat filter lays them end to end, so the MP4 is as
    /// long as the takes together. A take without a picture gets black, one without sound silence, each as
    /// long as the take. Progress goes to standard output. The filters and the encoder keep to one thread each:
    /// the job runs beside live rooms, whose ladders must keep their share of the machine; it takes longer instead.
    /// </summary>
    public static FfmpegCommand Mp4(IReadOnlyList<CallTakeSource> takes, int width, int height, string output)
    {
        ArgumentOutOfRangeException.ThrowIfZero(takes.Count);
        if (width <= 0 || height <= 0 || width % 2 != 0 || height % 2 != 0) throw new ArgumentOutOfRangeException(nameof(width), $"{width}x{height}: the picture size must be even and positive.");
        var inputs = new List<string> { "-hide_banner", "-nostats", "-loglevel", "error", "-y", "-protocol_whitelist", "file", "-filter_complex_threads", "1" };
        for (var i = 0; i < takes.Count - 1; i++) inputs.AddRange(["-i", takes[i].Path]);

        var graph = new StringBuilder();
        var concat = new StringBuilder();
        for (var i = 0; i < takes.Count; i++)
        {
            var take = takes[i];
            var duration = take.DurationSeconds.ToString("0.###", CultureInfo.InvariantCulture);
            graph.Append(take.HasVideo
                ? $"[{i}:v:0]scale={width}:{height}:force_original_aspect_ratio=decrease,pad={width}:{height}:(ow-iw)/2:(oh-ih)/2,setsar=1,fps={FrameRate},format=yuv420p,setpts=PTS-STARTPTS[v{i}];"
                : $"color=c=black:s={width}x{height}:r={FrameRate}:d={duration},format=yuv420p[v{i}];");
            graph.Append(take.HasAudio
                ? $"[{i}:a:0]aresample=48000:async=1,aformat=sample_fmts=fltp:channel_layouts=stereo,asetpts=PTS-STARTPTS[a{i}];"
                : $"anullsrc=r=48000:cl=stereo,atrim=duration={duration},aformat=sample_fmts=fltp[a{i}];");
            concat.Append(CultureInfo.InvariantCulture, $"[v{i}][a{i}]");
        }

        graph.Append(concat).Append(CultureInfo.InvariantCulture, $"concat=n={takes.Count}:v=1:a=1[v][a]");
        return new FfmpegCommand(
            inputs,
            takes[^1].Path,
            ["-filter_complex", graph.ToString(), "-map", "[v]", "-map", "[a]",
             "-c:v", "libx264", "-preset", "veryfast", "-crf", "23", "-pix_fmt", "yuv420p", "-threads", "1",
             "-c:a", "aac", "-b:a", "128k",
             "-movflags", "+faststart", "-progress", "pipe:1", "-f", "mp4"],
            output);
    }
}
