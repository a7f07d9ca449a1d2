using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace LiveRoom.Testing;

/// <summary>
/// A real coturn (Debian's <c>turnserver</c>) on a free loopback port, started with the repository's hardened
/// <c>infra/coturn/turnserver.conf</c> plus only the command-line settings a test instance needs (addresses,
/// port, a random secret, its pid file and database in a temporary folder) and whatever the caller adds;
/// killed when disposed. When <c>turnserver</c> is missing the start fails and says how to install it.
/// </summary>
public sealed class CoturnServer : IAsyncDisposable
{
    private const int MaxLogLines = 5000;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(10);

    private readonly Queue<string> _log = new();
    private readonly string _directory;
    private Process? _process;

    private CoturnServer(string directory, int port, string secret, bool ipv6)
    {
        _directory = directory;
        Port = port;
        Secret = secret;
        ListensOnIpv6 = ipv6;
    }

    /// <summary>The repository's production configuration.</summary>
    public static string ProductionConfiguration => Path.Combine(RepositoryPaths.Root, "infra", "coturn", "turnserver.conf");

    public int Port { get; }

    /// <summary>The shared secret (coturn's <c>static-auth-secret</c>), random for each instance.</summary>
    public string Secret { get; }

    /// <summary>True when it also listens and relays on <c>::1</c>.</summary>
    public bool ListensOnIpv6 { get; }

    /// <summary>The <c>turn:</c> URL browsers use (UDP).</summary>
    public string Url => $"turn:127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}?transport=udp";

    /// <summary>
    /// Starts coturn on 127.0.0.1 (and <c>::1</c> when <paramref name="ipv6"/>) with the production configuration and
    /// <paramref name="overrides"/> after it (later settings win), and waits until it answers STUN. A relay that
    /// comes back (after <see cref="DisposeAsync"/>) takes the <paramref name="port"/> and <paramref name="secret"/> of the one before.
    /// </summary>
    public static async Task<CoturnServer> StartAsync(IEnumerable<string> overrides, bool ipv6 = false, CancellationToken cancellationToken = default, int? port = null, string? secret = null)
    {
        var executable = FindExecutable("turnserver");
        var directory = Path.Combine(Path.GetTempPath(), "liveroom-coturn", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var server = new CoturnServer(directory, port ?? FreeUdpPort(), secret ?? RandomSecret(), ipv6);
        try
        {
            await server.StartAsync(executable, [.. overrides], cancellationToken);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Finds a coturn program (<c>turnserver</c>, <c>turnutils_uclient</c>) on the PATH, or fails saying how to install it.</summary>
    public static string FindExecutable(string name)
    {
        foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(folder, name);
            if (File.Exists(candidate)) return candidate;
        }

        throw new InvalidOperationException(
            $"{name} is not installed: install Debian's coturn package (apt-get install -y coturn; scripts/test.sh does this). " +
            "The TURN tests run a real coturn and cannot run without it.");
    }

    /// <summary>Everything coturn has written so far.</summary>
    public string Log()
    {
        lock (_log) return string.Join(Environment.NewLine, _log);
    }

    /// <summary>The lines coturn has written so far.</summary>
    public IReadOnlyList<string> LogLines()
    {
        lock (_log) return [.. _log];
    }

    public async ValueTask DisposeAsync()
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
                // Already gone, or it would not die: nothing more a test can do.
            }
            finally
            {
                process.Dispose();
            }
        }

        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private async Task StartAsync(string executable, string[] overrides, CancellationToken cancellationToken)
    {
        var port = Port.ToString(CultureInfo.InvariantCulture);
        var start = new ProcessStartInfo(executable)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _directory,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(ProductionConfiguration);
        start.ArgumentList.Add("--listening-ip=127.0.0.1");
        start.ArgumentList.Add("--relay-ip=127.0.0.1");
        if (ListensOnIpv6)
        {
            start.ArgumentList.Add("--listening-ip=::1");
            start.ArgumentList.Add("--relay-ip=::1");
        }

        start.ArgumentList.Add($"--listening-port={port}");
        start.ArgumentList.Add($"--static-auth-secret={Secret}");
        start.ArgumentList.Add($"--pidfile={Path.Combine(_directory, "turnserver.pid")}");
        start.ArgumentList.Add($"--userdb={Path.Combine(_directory, "turndb")}");
        foreach (var argument in overrides) start.ArgumentList.Add(argument);

        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, e) => Remember(e.Data);
        _process.ErrorDataReceived += (_, e) => Remember(e.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(StartTimeout);
        using var probe = new UdpClient(AddressFamily.InterNetwork);
        probe.Connect(IPAddress.Loopback, Port);
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"turnserver exited with code {_process.ExitCode} before it answered on 127.0.0.1:{port}. Its output:{Environment.NewLine}{Log()}");
            }

            if (deadline.IsCancellationRequested)
            {
                throw new TimeoutException($"turnserver did not answer STUN on 127.0.0.1:{port} within {StartTimeout.TotalSeconds:0} s. Its output:{Environment.NewLine}{Log()}");
            }

            if (await AnswersStunAsync(probe, deadline.Token)) return;
        }
    }

    /// <summary>
    /// Sends a STUN Binding request and waits a little for any answer (with secure-stun the answer is a 401, which
    /// says as much: the server is up).
    /// </summary>
    private static async Task<bool> AnswersStunAsync(UdpClient probe, CancellationToken cancellationToken)
    {
        var request = new byte[20];
        request[1] = 0x01; // Binding request, no attributes
        request[4] = 0x21; request[5] = 0x12; request[6] = 0xA4; request[7] = 0x42; // magic cookie
        RandomNumberGenerator.Fill(request.AsSpan(8, 12));
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attempt.CancelAfter(TimeSpan.FromMilliseconds(200));
        try
        {
            await probe.SendAsync(request, attempt.Token);
            var answer = await probe.ReceiveAsync(attempt.Token);
            return answer.Buffer.Length >= 20 && answer.Buffer.AsSpan(8, 12).SequenceEqual(request.AsSpan(8, 12));
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException)
        {
            // Not listening yet (ICMP port unreachable shows up as a SocketException), or no answer in time.
            return false;
        }
    }

    private static int FreeUdpPort()
    {
        // A port free for both UDP and TCP: coturn listens on both.
        for (var attempt = 0; ; attempt++)
        {
            using var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            udp.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            var port = ((IPEndPoint)udp.LocalEndPoint!).Port;
            try
            {
                using var tcp = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                tcp.Bind(new IPEndPoint(IPAddress.Loopback, port));
                return port;
            }
            catch (SocketException) when (attempt < 20)
            {
            }
        }
    }

    private static string RandomSecret() => Convert.ToHexString(RandomNumberGenerator.GetBytes(24));

    private void Remember(string? line)
    {
        if (line is null) return;
        lock (_log)
        {
            _log.Enqueue(line);
            if (_log.Count > MaxLogLines) _log.Dequeue();
        }
    }
}
