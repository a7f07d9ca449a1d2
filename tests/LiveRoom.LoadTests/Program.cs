namespace LiveRoom.LoadTests;

/// <summary>The command line: parse, run, print, exit 0 on pass, 1 on fail, 2 on bad arguments.</summary>
internal static class Program
{
    private const string InlineCompletions = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";

    private static async Task<int> Main(string[] args)
    {
        // Socket completions run on the socket engine's thread instead of hopping to the thread pool: one
        // hop less for each of the many frames the viewers receive. Safe here because nothing the tool runs
        // on that path blocks. Read once, when the first socket is made, so it must be set before that.
        if (Environment.GetEnvironmentVariable(InlineCompletions) is null) Environment.SetEnvironmentVariable(InlineCompletions, "1");

        var (options, json, quiet, help, error) = CommandLine.Parse(args);
        if (help)
        {
            Console.WriteLine(CommandLine.Usage);
            return 0;
        }

        if (error is not null)
        {
            await Console.Error.WriteLineAsync(error + Environment.NewLine + "Run with --help for the options.");
            return 2;
        }

        // Ctrl+C ends the run early (the connections are still closed); the hard cap keeps any run bounded.
        using var cancellation = new CancellationTokenSource(options.Warmup + options.Duration + TimeSpan.FromMinutes(15));
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancellation.Cancel();
        };

        try
        {
            var report = await new LoadRun(quiet ? null : Console.Error).RunAsync(options, cancellation.Token);
            Console.WriteLine();
            Console.Write(LoadReportFormatter.ToText(report));
            if (json) Console.WriteLine(LoadReportFormatter.ToJson(report));
            return report.Passed ? 0 : 1;
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync("The run was stopped before it finished.");
            return 1;
        }
        catch (Exception ex) when (ex is HttpRequestException or InvalidOperationException)
        {
            await Console.Error.WriteLineAsync("The run could not go on: " + ex.Message);
            return 1;
        }
    }
}
