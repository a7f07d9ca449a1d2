using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Containers;

namespace LiveRoom.Testing;

/// <summary>
/// One Azurite blob service for the tests that need Azure Blob Storage, stopped when disposed. Where a Docker
/// engine answers (<see cref="TestServices"/>) it runs in a container (Testcontainers' generic builder: the
/// package source has no Testcontainers Azurite module) on a random host port; otherwise it runs natively,
/// the emulator that <c>scripts/lib/azurite.sh</c> (<c>ensure_azurite</c>) installs in
/// <c>tests/tools/azurite</c>, on a free loopback port with its data in a temporary folder, killed (with its
/// process tree) afterwards. Both are the same Azurite version and give the same <see cref="ConnectionString"/>.
/// When Azurite cannot start, every test that uses it fails with the reason and its output.
/// </summary>
public sealed class AzuriteEmulator : IAsyncDisposable
{
    public const string AccountName = "devstoreaccount1";

    /// <summary>Azurite's well-known development key (public, the same in every installation).</summary>
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    /// <summary>The same Azurite version as tests/tools/azurite/package-lock.json.</summary>
    private const string Image = "mcr.microsoft.com/azure-storage/azurite:3.35.0";
    private const ushort ContainerPort = 10000;
    private const int MaxAttempts = 3;
    private const int MaxLogLines = 200;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Long enough to pull the image the first time.</summary>
    private static readonly TimeSpan ContainerStartTimeout = TimeSpan.FromMinutes(5);

    private readonly Queue<string> _log = new();
    private Process? _process;
    private string? _location;
    private IContainer? _container;
    private string _host = "127.0.0.1";

    public int Port { get; private set; }

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};BlobEndpoint=http://{_host}:{Port}/{AccountName};";

    /// <summary>Starts an emulator; dispose it to stop it.</summary>
    public static async Task<AzuriteEmulator> StartAsync()
    {
        var emulator = new AzuriteEmulator();
        await emulator.InitializeAsync();
        return emulator;
    }

    private async Task InitializeAsync()
    {
        if (await TestServices.InContainersAsync())
        {
            await StartContainerAsync();
            Console.Error.WriteLine($"[azurite] blob service in a container ({Image}) at {_host}:{Port}");
            return;
        }

        var executable = FindExecutable();
        for (var attempt = 1; ; attempt++)
        {
            // A port found free can be taken by another process before Azurite binds it: then try another.
            var outcome = await StartNativeAsync(executable);
            if (outcome is null)
            {
                Console.Error.WriteLine($"[azurite] blob service natively (tests/tools/azurite) at {_host}:{Port}");
                return;
            }

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

    /// <summary>Starts Azurite's container and waits until its blob service answers HTTP.</summary>
    private async Task StartContainerAsync()
    {
        using var deadline = new CancellationTokenSource(ContainerStartTimeout);
        try
        {
            // Build() already asks for the engine: a forced container with no engine fails here.
            _container = new ContainerBuilder(Image)
                .WithCommand("azurite-blob", "--blobHost", "0.0.0.0", "--blobPort", $"{ContainerPort}", "--location", "/data",
                    "--disableTelemetry", "--skipApiVersionCheck", "--loose")
                .WithPortBinding(ContainerPort, assignRandomHostPort: true)
                // Any HTTP answer will do: the blob service is up (an anonymous request is refused, which is fine).
                .WithWaitStrategy(Wait.ForUnixContainer().UntilHttpRequestIsSucceeded(request =>
                    request.ForPort(ContainerPort).ForPath("/").ForStatusCodeMatching(_ => true)))
                .Build();
            await _container.StartAsync(deadline.Token).WaitAsync(ContainerStartTimeout);
            _host = _container.Hostname;
            Port = _container.GetMappedPublicPort(ContainerPort);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            var logs = _container is { } container ? await ContainerLogsAsync(container) : "  (no container was created)";
            await StopAsync();
            throw new InvalidOperationException(
                $"Azurite (blob service) did not start in a container ({Image}): {e.Message} " +
                $"Unset {TestServices.ChoiceVariable} or set it to native to run it from tests/tools/azurite instead. " +
                $"Its output:{Environment.NewLine}{logs}", e);
        }
    }

    private static async Task<string> ContainerLogsAsync(IContainer container)
    {
        try
        {
            var (stdout, stderr) = await container.GetLogsAsync().WaitAsync(StopTimeout);
            var text = (stdout + stderr).Trim();
            return text.Length == 0 ? "  (nothing)" : text;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return $"  (not available: {e.Message})";
        }
    }

    /// <summary>Starts Azurite natively and waits until its port answers; null when it does, else why not.</summary>
    private async Task<string?> StartNativeAsync(string executable)
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
        if (_container is { } container)
        {
            _container = null;
            try
            {
                await container.DisposeAsync().AsTask().WaitAsync(StopTimeout);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // Testcontainers' reaper removes what could not be stopped here.
            }
        }

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
