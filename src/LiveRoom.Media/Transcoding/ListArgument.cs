using FFMpegCore;
using FFMpegCore.Arguments;

namespace LiveRoom.Media.Transcoding;

/// <summary>
/// A part of an <see cref="FfmpegCommand"/> handed to FFMpegCore as it is: the argument list joined by
/// <see cref="CommandLine"/> so that ffmpeg receives exactly that list.
/// </summary>
internal sealed class ListArgument(IEnumerable<string> arguments) : IInputArgument, IOutputArgument
{
    public string Text { get; } = CommandLine.Join(arguments);

    public void Pre(FFOptions options)
    {
    }

    public Task During(CancellationToken cancellationToken = default) => Task.CompletedTask;

    public void Post()
    {
    }
}
