using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace LiveRoom.Testing;

/// <summary>
/// One Azurite blob service for the tests that need Azure Blob Storage, on a free loopback port with its
/// data in a temporary folder, killed (with its process tree) afterwards. It runs the emulator that
/// <c>scripts/lib/azurite.sh</c> (<c>ensure_azurite</c>) installs in <c>tests/tools/azurite</c>. There is no
/// container route: the package source has no Testcontainers Azurite module, and the machines have no
/// Docker engine. When Azurite cannot start, every test that uses it fails with the reason and its output.
/// </summary>
public sealed class AzuriteEmulator : IAsyncDisposable
{
    public const string AccountName = "devstoreaccount1";

    /// <summary>Azurite's well-known development key (public, the same in every installation).</summary>
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private const int MaxAttempts = 3;
    private const int MaxLogLines = 200;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(10);

    private readonly Queue<string> _log = new();
    private Process? _process;
    private string? _location;

    public int Port { get; private set; }

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};BlobEndpoint=http://127.0.0.1:{Port}/{AccountName};";

    /// <summary>Starts an emulator; dispose it to stop it.</summary>
    public static async Task<AzuriteEmulator> StartAsync()
    {
        var emulator = new AzuriteEmulator();
        await emulator.InitializeAsync();
        return emulator;
    }

    private async Task InitializeAsync()
    {
        var executable = FindExecutable();
        for (var attempt = 1; ; attempt++)
        {
            // A port found free can be taken by another process before Azurite binds it: then try another.
            var outcome = await StartAsync(executable);
            if (outcome is null) return;
            var portTaken = Output().Contains("EADDRINUSE", StringComparison.Ordinal);
            await StopAsync();
            if (!portTaken || attempt == MaxAttempts)
            {
                throw new InvalidOperationException($"Azurite (blob service) did not start: {outcome}. Its output:{Environment.NewLine}{Output()}");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
    }

    /// <summary>Starts Azurite and waits until its port answers; null when it does, else why not.</summary>
    private async Task<string?> StartAsync(string executable)
    {
        lock (_log) _log.Clear();
        Port = FreeLoopbackPort();
        _location = Path.Combine(Path.GetTempPath(), "liveroom-azurite", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_location);
        var start = new ProcessStartInfo(executable)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _location,
            ArgumentList =
            {
                "--blobHost", "127.0.0.1",
                "--blobPort", Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--location", _location,
                "--disableTelemetry",
                "--skipApiVersionCheck",
                "--silent",
            },
        };
        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, e) => Remember(e.Data);
        _process.ErrorDataReceived += (_, e) => Remember(e.Data);
        try
        {
            _process.Start();
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return $"{executable} could not be started ({e.Message}); is node on PATH?";
        }

        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        using var deadline = new CancellationTokenSource(StartTimeout);
        var exited = _process.WaitForExitAsync(deadline.Token);
        while (!deadline.IsCancellationRequested)
        {
            if (_process.HasExited)
            {
                // Let the last lines of its output arrive before they are reported.
                await Task.WhenAny(exited, Task.Delay(TimeSpan.FromSeconds(2), CancellationToken.None));
                return $"it exited with code {_process.ExitCode} before it answered on 127.0.0.1:{Port}";
            }

            if (await AnswersAsync(Port, deadline.Token)) return null;
            await Task.WhenAny(exited, Task.Delay(TimeSpan.FromMilliseconds(100), deadline.Token));
        }

        return $"it did not answer on 127.0.0.1:{Port} within {StartTimeout.TotalSeconds:0} s";
    }

    private async Task StopAsync()
    {
        if (_process is { } process)
        {
            _process = null;
            try
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                    await process.WaitForExitAsync().WaitAsync(StopTimeout);
                }
            }
            catch (Exception e) when (e is InvalidOperationException or TimeoutException or System.ComponentModel.Win32Exception)
            {
                // Already gone, or it would not die: nothing more a test can do about it.
            }
            finally
            {
                process.Dispose();
            }
        }

        if (_location is { } location)
        {
            _location = null;
            try
            {
                Directory.Delete(location, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static async Task<bool> AnswersAsync(int port, CancellationToken cancellationToken)
    {
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attempt.CancelAfter(TimeSpan.FromMilliseconds(500));
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port, attempt.Token);
            return true;
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            return false;
        }
    }

    private static string FindExecutable()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (!File.Exists(Path.Combine(dir.FullName, "LiveRoom.sln"))) continue;
            var executable = Path.Combine(dir.FullName, "tests", "tools", "azurite", "node_modules", ".bin", "azurite-blob");
            if (File.Exists(executable)) return executable;
            throw new InvalidOperationException(
                $"Azurite is not installed: {executable} is missing. Install it with `source scripts/lib/azurite.sh && ensure_azurite` " +
                "from the repository root (scripts/test.sh does this), or run `npm ci` in tests/tools/azurite.");
        }

        throw new InvalidOperationException($"LiveRoom.sln not found above {AppContext.BaseDirectory}: cannot find tests/tools/azurite.");
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Remember(string? line)
    {
        if (line is null) return;
        lock (_log)
        {
            _log.Enqueue(line);
            if (_log.Count > MaxLogLines) _log.Dequeue();
        }
    }

    private string Output()
    {
        lock (_log)
        {
            if (_log.Count == 0) return "  (nothing)";
            var text = new StringBuilder();
            foreach (var line in _log) text.Append("  ").AppendLine(line);
            return text.ToString();
        }
    }
}
