using System.Diagnostics;

namespace LiveRoom.MediaBench;

/// <summary>
/// A process the tool runs (ffmpeg), started from an argument list (never a shell string). Standard output
/// is handed over line by line with the time it was read; the last lines of standard error are kept for
/// error messages. Disposing kills it (with its children) if it is still running.
/// </summary>
public sealed class ChildProcess : IAsyncDisposable
{
    private const int TailLines = 15;

    private readonly Process _process;
    private readonly Queue<string> _errorTail = new();
    private readonly Lock _lock = new();

    private ChildProcess(Process process, double startedAt)
    {
        _process = process;
        StartedAt = startedAt;
    }

    public int Id => _process.Id;

    /// <summary>When the process was started (<see cref="Clock"/> seconds).</summary>
    public double StartedAt { get; }

    public bool HasExited => _process.HasExited;

    public int? ExitCode => _process.HasExited ? _process.ExitCode : null;

    /// <summary>The last lines the process wrote to standard error.</summary>
    public string ErrorTail
    {
        get
        {
            lock (_lock) return string.Join(" | ", _errorTail);
        }
    }

    /// <summary>Starts <paramref name="fileName"/>; <paramref name="onOutputLine"/> gets each standard-output line and when it was read.</summary>
    public static ChildProcess Start(string fileName, IEnumerable<string> arguments, Action<string, double>? onOutputLine = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var startedAt = Clock.Now;
        var child = new ChildProcess(process, startedAt);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { } line) onOutputLine?.Invoke(line, Clock.Now);
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { Length: > 0 } line) child.AddError(line);
        };
        if (!process.Start()) throw new InvalidOperationException($"{fileName} did not start.");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Runs a short command to its end and returns its standard output (bounded by <paramref name="timeout"/>).</summary>
    public static async Task<string> RunAsync(string fileName, IEnumerable<string> arguments, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var output = new System.Text.StringBuilder();
        var outputLock = new Lock();
        await using var child = Start(fileName, arguments, (line, _) =>
        {
            lock (outputLock) output.AppendLine(line);
        });
        if (!await child.WaitForExitAsync(timeout, cancellationToken))
        {
            throw new TimeoutException($"{fileName} did not finish within {timeout.TotalSeconds:0} s.");
        }

        if (child.ExitCode != 0) throw new InvalidOperationException($"{fileName} failed ({child.ExitCode}): {child.ErrorTail}");
        lock (outputLock) return output.ToString();
    }

    /// <summary>Waits for the process to end; false when it is still running after <paramref name="timeout"/>.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            // WaitForExitAsync also waits for the redirected streams to be read to their end.
            await _process.WaitForExitAsync(cancellationToken).WaitAsync(timeout, cancellationToken);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    /// <summary>Kills the process and its children if still running, and waits (bounded) for it to be gone.</summary>
    public async Task StopAsync(TimeSpan timeout)
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It exited in the meantime.
        }

        try
        {
            await _process.WaitForExitAsync().WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.FromSeconds(5));
        _process.Dispose();
    }

    private void AddError(string line)
    {
        lock (_lock)
        {
            _errorTail.Enqueue(line);
            while (_errorTail.Count > TailLines) _errorTail.Dequeue();
        }
    }
}
