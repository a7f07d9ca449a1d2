namespace LiveRoom.MediaBench;

/// <summary>The command line: parse, run, print; exit 0 when every phase produced its numbers, 1 otherwise, 2 on bad arguments.</summary>
internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        var (options, json, jsonFile, quiet, help, error) = CommandLine.Parse(args);
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

        // Ctrl+C stops the run (its ffmpeg processes are killed and its rooms ended); the hard cap keeps any run bounded.
        var bound = TimeSpan.FromMinutes(5)
            + (options.Sources.Count * (options.FirstSegmentTimeout + options.Warmup + options.Window + TimeSpan.FromMinutes(4)))
            + TimeSpan.FromSeconds(options.Flashes * options.FlashPeriodSeconds * 2);
        using var cancellation = new CancellationTokenSource(bound);
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancellation.Cancel();
        };

        try
        {
            var report = await new MediaBench(quiet ? null : Console.Error).RunAsync(options, cancellation.Token);
            Console.WriteLine(json ? ReportFormatter.ToJson(report) : Environment.NewLine + ReportFormatter.ToText(report));
            if (jsonFile is not null) await File.WriteAllTextAsync(jsonFile, ReportFormatter.ToJson(report), cancellation.Token);
            return report.Errors.Count == 0 ? 0 : 1;
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync("The run was stopped before it finished.");
            return 1;
        }
        catch (Exception ex) when (ex is HttpRequestException or InvalidOperationException or TimeoutException or System.ComponentModel.Win32Exception)
        {
            await Console.Error.WriteLineAsync("The run could not go on: " + ex.Message);
            return 1;
        }
    }
}
