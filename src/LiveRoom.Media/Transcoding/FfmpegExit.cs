namespace LiveRoom.Media.Transcoding;

/// <summary>How an ffmpeg process ended: its exit code and the last lines it wrote to standard error.</summary>
public sealed record FfmpegExit(int ExitCode, string ErrorTail)
{
    public bool Succeeded => ExitCode == 0;
}
