namespace LiveRoom.Media.Transcoding;

/// <summary>How an <see cref="FfmpegRun"/> is fed and watched.</summary>
public sealed record FfmpegRunOptions
{
    /// <summary>How many bytes may wait for a piped ffmpeg before writes are refused (default 16 MiB).</summary>
    public long InputQueueBytes { get; init; } = 16 * 1024 * 1024;

    /// <summary>Called with each line ffmpeg writes to standard output (e.g. <c>-progress pipe:1</c>).</summary>
    public Action<string>? OnOutputLine { get; init; }
}
