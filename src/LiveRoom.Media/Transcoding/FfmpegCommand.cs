namespace LiveRoom.Media.Transcoding;

/// <summary>
/// One ffmpeg command as lists of arguments (never a shell string): options that apply before the input,
/// the input, options for the output, and the output. Built by pure functions and golden-tested.
/// </summary>
/// <param name="InputOptions">Global and input options, in order, written before <c>-i</c>.</param>
/// <param name="Input">What ffmpeg reads: a path, or <see cref="PipedInput"/> for the stream we hand it.</param>
/// <param name="OutputOptions">Options written after the input, in order.</param>
/// <param name="Output">Where ffmpeg writes (a path or a pattern such as <c>%v/index.m3u8</c>).</param>
public sealed record FfmpegCommand(IReadOnlyList<string> InputOptions, string Input, IReadOnlyList<string> OutputOptions, string Output)
{
    /// <summary>The input of a command fed by LiveRoom itself rather than read from a file.</summary>
    public const string PipedInput = "pipe:0";

    /// <summary>Whether ffmpeg reads what LiveRoom writes to it.</summary>
    public bool IsPiped => Input == PipedInput;

    /// <summary>The whole command line as ffmpeg receives it, with <c>pipe:0</c> standing for a piped input.</summary>
    public IReadOnlyList<string> Arguments => [.. InputOptions, "-i", Input, .. OutputOptions, Output];
}
