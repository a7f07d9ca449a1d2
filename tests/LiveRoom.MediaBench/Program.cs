using LiveRoom.Shared;

namespace LiveRoom.MediaBench;

/// <summary>The command line: parse, run, print; exit 0 when every phase produced its numbers, 1 otherwise, 2 on bad arguments.</summary>
internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        if (args.Length > 0 && args[0] == CallRecordingBench.Mode) return await CallRecordingBench.MainAsync(args[1..]);
        var (options, json, jsonFile, quiet, help, error) = CommandLine.Parse(args);
        if (await ToolMain.AnswerArgumentsAsync(CommandLine.Usage, help, error) is { } answered) return answered;

        // Ctrl+C stops the run (its ffmpeg processes are killed and its rooms ended); the hard cap keeps any run bounded.
        var bound = TimeSpan.FromMinutes(5)
            + (options.Sources.Count * (options.FirstSegmentTimeout + options.Warmup + options.Window + TimeSpan.FromMinutes(4)))
            + TimeSpan.FromSeconds(options.Flashes * options.FlashPeriodSeconds * 2);
        return await ToolMain.RunAsync(
            bound,
            async cancellationToken =>
            {
                var report = await new MediaBench(quiet ? null : Console.Error).RunAsync(options, cancellationToken);
                Console.WriteLine(json ? ReportFormatter.ToJson(report) : Environment.NewLine + ReportFormatter.ToText(report));
                if (jsonFile is not null) await File.WriteAllTextAsync(jsonFile, ReportFormatter.ToJson(report), cancellationToken);
                return report.Errors.Count == 0 ? 0 : 1;
            },
            ex => ex is HttpRequestException or InvalidOperationException or TimeoutException or System.ComponentModel.Win32Exception);
    }
}
