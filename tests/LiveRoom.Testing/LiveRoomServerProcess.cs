using System.Diagnostics;
using System.Globalization;

namespace LiveRoom.Testing;

/// <summary>
/// A real LiveRoom server running as a process of its own (the built LiveRoom.Server.dll under <c>dotnet</c>),
/// so a test can kill it for real (SIGKILL: no shutdown code runs) and start it again on the same data
/// directory and ports. The caller owns the data directory. Every line it writes is kept in <see cref="Output"/>.
/// </summary>
public sealed class LiveRoomServerProcess : LiveRoomServerBase
{
    /// <summary>Stands in <see cref="Output"/> where the process closed one of its output streams.</summary>
    public const string OutputEnded = "(output ended)";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private readonly Process _process;
    private readonly IReadOnlyDictionary<string, string?> _settings;

    private LiveRoomServerProcess(Process process, Uri baseAddress, int rtmpPort, string dataDirectory, IReadOnlyDictionary<string, string?> settings)
        : base(baseAddress, rtmpPort, dataDirectory)
    {
        _process = process;
        _settings = settings;
        Output = new Inbox<string>($"server process {process.Id}");
    }

    /// <summary>What the server wrote (standard output and error), one log entry a line.</summary>
    public Inbox<string> Output { get; }

    public int ProcessId => _process.Id;

    /// <summary>
    /// Starts a server on free loopback ports with <paramref name="dataDirectory"/>, and waits until it has started
    /// (its hosted services, the grain runtime and the ingest included). <paramref name="settings"/> are
    /// configuration keys over the test defaults.
    /// </summary>
    public static async Task<LiveRoomServerProcess> StartAsync(string dataDirectory, IDictionary<string, string?>? settings = null)
    {
        Directory.CreateDirectory(dataDirectory);
        var values = Settings(dataDirectory, FreePorts.Next(), FreePorts.Next(), settings);
        // One line per log entry, so a test can wait for one.
        values["Logging:Console:FormatterName"] = "simple";
        values["Logging:Console:FormatterOptions:SingleLine"] = "true";
        return await LaunchAsync(dataDirectory, values);
    }

    /// <summary>Another server on the same data directory, ports and settings (this one must have exited).</summary>
    public Task<LiveRoomServerProcess> StartAgainAsync() => LaunchAsync(DataDirectory, _settings);

    /// <summary>
    /// Kills the process with SIGKILL, as a crash or the out-of-memory killer would, and waits until it is gone.
    /// Its ffmpeg children are left, as after a real crash: they end when their input pipe closes.
    /// </summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: false);
        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(15));
    }

    public override async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(15));
        _process.Dispose();
    }

    private static async Task<LiveRoomServerProcess> LaunchAsync(string dataDirectory, IReadOnlyDictionary<string, string?> settings)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            // The content root: the built pages (wwwroot) are found there.
            WorkingDirectory = Path.Combine(RepositoryPaths.Root, "src", "LiveRoom.Server"),
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "LiveRoom.Server.dll"));
        foreach (var (key, value) in settings) start.ArgumentList.Add($"--{key}={value}");
        // Only the URLs given here; and workstation GC, so several test servers fit beside each other.
        start.Environment.Remove("ASPNETCORE_URLS");
        start.Environment["DOTNET_gcServer"] = "0";

        var process = new Process { StartInfo = start };
        if (!process.Start()) throw new InvalidOperationException("The server process did not start.");
        var url = settings["urls"]!;
        var rtmpPort = int.Parse(settings["LiveRoom:Ingest:RtmpPort"]!, CultureInfo.InvariantCulture);
        var server = new LiveRoomServerProcess(process, new Uri(url.TrimEnd('/') + "/"), rtmpPort, dataDirectory, settings);
        process.OutputDataReceived += (_, e) => server.Take(e.Data);
        process.ErrorDataReceived += (_, e) => server.Take(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await server.Output.WaitForAsync(lines => lines.Any(l => l.Contains("Application started", StringComparison.Ordinal) || l == OutputEnded), "the server to start", StartTimeout);
            if (server.Output.Items.Contains(OutputEnded)) throw new InvalidOperationException($"The server process stopped: {string.Join(" | ", server.Output.Items.TakeLast(15))}");
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return server;
    }

    private void Take(string? line) => Output.Add([line ?? OutputEnded]);
}
