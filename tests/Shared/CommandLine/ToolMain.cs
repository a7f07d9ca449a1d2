namespace LiveRoom.Shared;

/// <summary>
/// What the command-line tools do around their run (linked into each from tests/Shared/CommandLine): answer --help and
/// bad arguments, stop on Ctrl+C or a hard cap, and turn a run that cannot go on into exit code 1.
/// </summary>
internal static class ToolMain
{
    public const int BadArguments = 2;

    /// <summary>The exit code when the arguments already answer (0 after the usage, 2 on an error); else null.</summary>
    public static async Task<int?> AnswerArgumentsAsync(string usage, bool help, string? error)
    {
        if (help)
        {
            Console.WriteLine(usage);
            return 0;
        }

        if (error is not null)
        {
            await Console.Error.WriteLineAsync(error + Environment.NewLine + "Run with --help for the options.");
            return BadArguments;
        }

        return null;
    }

    /// <summary>
    /// Runs <paramref name="run"/> with a token that Ctrl+C or <paramref name="bound"/> cancels; exit code 1,
    /// with the reason on stderr, when it was stopped or threw an exception <paramref name="cannotGoOn"/> accepts.
    /// </summary>
    public static async Task<int> RunAsync(TimeSpan bound, Func<CancellationToken, Task<int>> run, Func<Exception, bool> cannotGoOn)
    {
        using var cancellation = new CancellationTokenSource(bound);
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancellation.Cancel();
        };

        try
        {
            return await run(cancellation.Token);
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync("The run was stopped before it finished.");
            return 1;
        }
        catch (Exception ex) when (cannotGoOn(ex))
        {
            await Console.Error.WriteLineAsync("The run could not go on: " + ex.Message);
            return 1;
        }
    }
}
