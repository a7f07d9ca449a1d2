using LiveRoom.Shared;

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
        if (await ToolMain.AnswerArgumentsAsync(CommandLine.Usage, help, error) is { } answered) return answered;

        // Ctrl+C ends the run early (the connections are still closed); the hard cap keeps any run bounded.
        return await ToolMain.RunAsync(
            options.Warmup + options.Duration + TimeSpan.FromMinutes(15),
            async cancellationToken =>
            {
                var report = await new LoadRun(quiet ? null : Console.Error).RunAsync(options, cancellationToken);
                Console.WriteLine();
                Console.Write(LoadReportFormatter.ToText(report));
                if (json) Console.WriteLine(LoadReportFormatter.ToJson(report));
                return report.Passed ? 0 : 1;
            },
            ex => ex is HttpRequestException or InvalidOperationException);
    }
}
