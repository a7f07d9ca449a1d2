using System.Diagnostics;

namespace LiveRoom.Media.Transcoding;

/// <summary>
/// One running ffmpeg: started from an argument list (never a shell string), fed on standard input, its
/// standard error kept in a bounded tail for error reports, and killed with its children when disposed.
/// </summary>
public sealed class FfmpegProcess : IAsyncDisposable
{
    private const int TailLines = 40;

    private readonly Process _process;
    private readonly Queue<string> _tail = new();
    private readonly Task<FfmpegExit> _exited;

    private readonly bool _readOutput;

    private FfmpegProcess(Process process, bool readOutput)
    {
        _process = process;
        _readOutput = readOutput;
        var errors = PumpErrorsAsync();
        _exited = WaitAsync(errors);
    }

    public int ProcessId => _process.Id;

    /// <summary>ffmpeg's standard input.</summary>
    public Stream Input => _process.StandardInput.BaseStream;

    /// <summary>Completes when the process has exited.</summary>
    public Task<FfmpegExit> Exited => _exited;

    /// <summary>ffmpeg's standard output, when started with <c>readOutput</c>.</summary>
    public StreamReader? Output => _readOutput ? _process.StandardOutput : null;

    public static FfmpegProcess Start(string executable, IEnumerable<string> arguments, bool readOutput = false)
    {
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardInput = true,
            RedirectStandardError = true,
            RedirectStandardOutput = readOutput,
            UseShellExecute = false,
            CreateNoWindow = true,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {executable}.");
        return new FfmpegProcess(process, readOutput);
    }

    /// <summary>The last lines ffmpeg wrote to standard error.</summary>
    public string ErrorTail()
    {
        lock (_tail) return string.Join('\n', _tail);
    }

    /// <summary>Ends the input so ffmpeg finishes its outputs, waits up to <paramref name="grace"/>, then kills the tree.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        try
        {
            _process.StandardInput.Close();
        }
        catch (IOException)
        {
            // Already gone.
        }

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

    public void Kill()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Exited in the meantime.
        }
    }

    public async ValueTask DisposeAsync()
    {
        Kill();
        await _exited;
        _process.Dispose();
    }

    private async Task PumpErrorsAsync()
    {
        while (await _process.StandardError.ReadLineAsync() is { } line)
        {
            lock (_tail)
            {
                if (_tail.Count == TailLines) _tail.Dequeue();
                _tail.Enqueue(line.Length > 500 ? line[..500] : line);
            }
        }
    }

    private async Task<FfmpegExit> WaitAsync(Task errors)
    {
        await _process.WaitForExitAsync();
        await errors;
        return new FfmpegExit(_process.ExitCode, ErrorTail());
    }
}
