using System.Net;
using System.Net.Sockets;

namespace LiveRoom.Testing;

/// <summary>
/// Whether a Docker engine answers, so that a test service can run in a container (Testcontainers). The
/// engine is the one <c>DOCKER_HOST</c> names (<c>unix://</c> or <c>tcp://</c>), else the first socket of
/// <see cref="DefaultSockets"/> that exists; it answers when <c>GET /_ping</c> returns <c>OK</c> within
/// <see cref="ProbeTimeout"/>. A <c>docker</c> client with nothing behind it, a missing socket, a socket that
/// does not speak HTTP or one that stays silent all count as "no engine", quickly and without throwing.
/// </summary>
public static class DockerEngine
{
    public static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(2);

    private static readonly Lazy<Task<bool>> Probe = new(() => FindEndpoint() is { } endpoint
        ? PingAsync(endpoint, ProbeTimeout)
        : Task.FromResult(false));

    /// <summary>Whether the engine answers; asked once per process.</summary>
    public static Task<bool> AnswersAsync() => Probe.Value;

    /// <summary>The engine's endpoint: <c>DOCKER_HOST</c>, else an existing default socket, else null.</summary>
    public static Uri? FindEndpoint()
    {
        var configured = Environment.GetEnvironmentVariable("DOCKER_HOST");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Uri.TryCreate(configured, UriKind.Absolute, out var uri) ? uri : null;
        }

        return DefaultSockets().Where(File.Exists).Select(path => new Uri("unix://" + path)).FirstOrDefault();
    }

    /// <summary>
    /// True when <c>GET /_ping</c> on <paramref name="endpoint"/> (<c>unix://</c> socket or <c>tcp://</c>
    /// host and port) answers <c>OK</c> within <paramref name="timeout"/>; false for anything else.
    /// </summary>
    public static async Task<bool> PingAsync(Uri endpoint, TimeSpan timeout)
    {
        Uri baseAddress;
        var handler = new SocketsHttpHandler { ConnectTimeout = timeout, UseProxy = false };
        switch (endpoint.Scheme)
        {
            case "unix":
                var socketPath = endpoint.LocalPath;
                if (!File.Exists(socketPath)) return false;
                baseAddress = new Uri("http://docker/");
                handler.ConnectCallback = (_, cancellationToken) => ConnectUnixAsync(socketPath, cancellationToken);
                break;
            case "tcp" or "http":
                baseAddress = new UriBuilder(Uri.UriSchemeHttp, endpoint.Host, endpoint.Port).Uri;
                break;
            default:
                // npipe:// and TLS endpoints are not probed: LIVEROOM_TEST_SERVICES=container forces them.
                handler.Dispose();
                return false;
        }

        using var client = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = timeout };
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            using var response = await client.GetAsync("_ping", deadline.Token).WaitAsync(timeout);
            if (response.StatusCode != HttpStatusCode.OK) return false;
            var body = await response.Content.ReadAsStringAsync(deadline.Token).WaitAsync(timeout);
            return body.Trim() == "OK";
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or TimeoutException
            or SocketException or IOException)
        {
            return false;
        }
    }

    private static IEnumerable<string> DefaultSockets()
    {
        yield return "/var/run/docker.sock";
        if (Environment.GetEnvironmentVariable("XDG_RUNTIME_DIR") is { Length: > 0 } runtime)
        {
            yield return Path.Combine(runtime, "docker.sock");
        }
    }

    private static async ValueTask<Stream> ConnectUnixAsync(string path, CancellationToken cancellationToken)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(path), cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
