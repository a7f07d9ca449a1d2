using System.Diagnostics;
using FFMpegCore;

namespace LiveRoom.Media.Transcoding;

/// <summary>
/// One ffmpeg run through FFMpegCore. A piped command is fed from a bounded queue (see <see cref="TryWrite"/>)
/// through FFMpegCore's pipe; standard error is kept as a bounded tail for error reports; the process is
/// killed when the run is disposed.
/// </summary>
public sealed class FfmpegRun : IAsyncDisposable
{
    private const int TailLines = 40;

    private readonly QueuedPipeSource? _input;
    private readonly CancellationTokenSource _cancel = new();
    private readonly Queue<string> _tail = new();
    private readonly Task<FfmpegExit> _exited;
    private int _processId;

    private FfmpegRun(string ffmpegPath, FfmpegCommand command, FfmpegRunOptions options)
    {
        FFMpegArguments arguments;
        if (command.IsPiped)
        {
            _input = new QueuedPipeSource(options.InputQueueBytes, pid => Volatile.Write(ref _processId, pid));
            arguments = FFMpegArguments.FromPipeInput(_input, o => o.WithCustomArgument(CommandLine.Join(command.InputOptions)));
        }
        else
        {
            arguments = FFMpegArguments.FromInput(new ListArgument([.. command.InputOptions, "-i", command.Input]));
        }

        var processor = arguments.OutputTo(new ListArgument([.. command.OutputOptions, command.Output]))
            .NotifyOnStandardError(KeepTail);
        if (options.OnOutputLine is { } onOutput) processor = processor.NotifyOnStandardOutput(onOutput);
        _exited = Task.Run(() => RunAsync(processor, BinaryOptions(ffmpegPath)));
    }

    /// <summary>ffmpeg's process id once known (for a piped command: once it has opened the pipe).</summary>
    public int? ProcessId => Volatile.Read(ref _processId) is var pid and > 0 ? pid : null;

    /// <summary>Completes when ffmpeg has exited (or could not be started).</summary>
    public Task<FfmpegExit> Exited => _exited;

    /// <summary>Bytes queued for ffmpeg and not yet read by it.</summary>
    public long QueuedBytes => _input?.QueuedBytes ?? 0;

    public static FfmpegRun Start(string ffmpegPath, FfmpegCommand command, FfmpegRunOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ffmpegPath);
        ArgumentNullException.ThrowIfNull(command);
        return new FfmpegRun(ffmpegPath, command, options ?? new FfmpegRunOptions());
    }

    /// <summary>
    /// Hands <paramref name="bytes"/> to a piped ffmpeg without waiting; false when ffmpeg has fallen so far
    /// behind that the queue is full, or its input has ended.
    /// </summary>
    public bool TryWrite(ReadOnlyMemory<byte> bytes) =>
        _input is not null ? _input.TryWrite(bytes) : throw new InvalidOperationException("This ffmpeg reads a file, not a pipe.");

    /// <summary>The last lines ffmpeg wrote to standard error.</summary>
    public string ErrorTail()
    {
        lock (_tail) return string.Join('\n', _tail);
    }

    /// <summary>Ends the input so ffmpeg finishes its outputs, waits up to <paramref name="grace"/>, then kills it.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        _input?.Complete();
        try
        {
            await _exited.WaitAsync(grace);
        }
        catch (TimeoutException)
        {
            Kill();
            await _exited;
        }
    }

    /// <summary>Kills ffmpeg at once.</summary>
    public void Kill()
    {
        _input?.Complete();
        if (ProcessId is { } pid)
        {
            try
            {
                using var process = Process.GetProcessById(pid);
                process.Kill(entireProcessTree: true);
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                // Already gone.
            }
        }

        try
        {
            _cancel.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Disposed: the run is over.
        }
    }

    public async ValueTask DisposeAsync()
    {
        Kill();
        await _exited;
        _cancel.Dispose();
    }

    /// <summary>FFMpegCore's options for the ffmpeg at <paramref name="ffmpegPath"/> (ffprobe is looked for beside it).</summary>
    internal static FFOptions BinaryOptions(string ffmpegPath)
    {
        // FFMpegCore looks for "ffmpeg" (and "ffprobe") in a folder, or on the PATH when the folder is empty.
        var folder = Path.IsPathRooted(ffmpegPath) ? Path.GetDirectoryName(ffmpegPath) ?? string.Empty : string.Empty;
        return new FFOptions { BinaryFolder = folder };
    }

    private async Task<FfmpegExit> RunAsync(FFMpegArgumentProcessor processor, FFOptions options)
    {
        try
        {
            var result = await processor.ProcessAsynchronously(throwOnError: false, options, _cancel.Token);
            return new FfmpegExit(result.Cancelled && result.ExitCode == 0 ? -1 : result.ExitCode, ErrorTail());
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            _input?.Complete();
            KeepTail(e.Message);
            return new FfmpegExit(-1, ErrorTail());
        }
    }

    private void KeepTail(string line)
    {
        lock (_tail)
        {
            if (_tail.Count == TailLines) _tail.Dequeue();
            _tail.Enqueue(line.Length > 500 ? line[..500] : line);
        }
    }
}
