using System.Diagnostics;

namespace LiveRoom.Shared;

/// <summary>
/// Starts the command-line programs the tests drive (ffmpeg, ffprobe) with an argument list, never a shell
/// string, and kills them with their children when they overrun. Linked from tests/Shared/Processes into
/// the test projects that run them.
/// </summary>
internal static class ToolProcess
{
    /// <summary>Starts <paramref name="program"/>; its standard error is redirected for the caller to read, and its output and input if asked.</summary>
    public static Process Start(string program, IEnumerable<string> arguments, bool redirectOutput = false, bool redirectInput = false)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = redirectOutput,
            RedirectStandardInput = redirectInput,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        return Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
    }

    /// <summary>
    /// Runs <paramref name="program"/> to its end: its exit code and what it wrote. Past <paramref name="timeout"/>
    /// it is killed with its children and <see cref="TimeoutException"/> is thrown.
    /// </summary>
    public static async Task<(int ExitCode, string Output, string Errors)> RunAsync(string program, IEnumerable<string> arguments, TimeSpan timeout)
    {
        using var process = Start(program, arguments, redirectOutput: true);
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await output, await errors);
    }
}
