using System.Diagnostics;
using System.Net.Sockets;
using LiveRoom.Testing;

namespace LiveRoom.Storage.Tests.Fixtures;

/// <summary>The probe that decides whether test services run in containers, against real Unix sockets.</summary>
public sealed class DockerEngineTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private readonly string _folder = Directory.CreateTempSubdirectory("liveroom-docker-probe-").FullName;

    private string SocketPath => Path.Combine(_folder, "docker.sock");

    private Uri Endpoint => new("unix://" + SocketPath);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task ASocketPathThatDoesNotExistIsNoEngine()
    {
        var watch = Stopwatch.StartNew();
        (await DockerEngine.PingAsync(Endpoint, DockerEngine.ProbeTimeout).WaitAsync(Timeout)).ShouldBeFalse();
        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(1), "a missing socket is known at once");
    }

    [Fact]
    public async Task ASocketThatClosesEveryConnectionIsNoEngine()
    {
        await using var server = UnixSocketServer.Start(SocketPath, (_, _) => Task.CompletedTask);
        var watch = Stopwatch.StartNew();
        (await DockerEngine.PingAsync(Endpoint, DockerEngine.ProbeTimeout).WaitAsync(Timeout)).ShouldBeFalse();
        watch.Elapsed.ShouldBeLessThan(DockerEngine.ProbeTimeout, "a closed connection is known before the probe times out");
        server.Connections.ShouldBeGreaterThan(0, "the probe connected to the socket");
    }

    [Fact]
    public async Task ASocketThatNeverAnswersIsNoEngineOnceTheProbeTimesOut()
    {
        await using var server = UnixSocketServer.Start(SocketPath, (_, cancellationToken) => Task.Delay(Timeout, cancellationToken));
        var watch = Stopwatch.StartNew();
        (await DockerEngine.PingAsync(Endpoint, TimeSpan.FromMilliseconds(300)).WaitAsync(Timeout)).ShouldBeFalse();
        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(2), "the probe gives up at its timeout");
    }

    [Fact]
    public async Task ASocketThatAnswersPingWithOkIsAnEngine()
    {
        await using var server = UnixSocketServer.Start(SocketPath, async (socket, cancellationToken) =>
        {
            var request = new byte[4096];
            await socket.ReceiveAsync(request, cancellationToken).AsTask().WaitAsync(Timeout, cancellationToken);
            var answer = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\nConnection: close\r\n\r\nOK"u8.ToArray();
            await socket.SendAsync(answer, cancellationToken).AsTask().WaitAsync(Timeout, cancellationToken);
        });
        (await DockerEngine.PingAsync(Endpoint, DockerEngine.ProbeTimeout).WaitAsync(Timeout)).ShouldBeTrue();
    }

    /// <summary>A Unix socket listener that hands each connection to a handler, then closes it.</summary>
    private sealed class UnixSocketServer : IAsyncDisposable
    {
        private readonly Socket _listener;
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _accepting;
        private int _connections;

        private UnixSocketServer(string path, Func<Socket, CancellationToken, Task> handle)
        {
            _listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            _listener.Bind(new UnixDomainSocketEndPoint(path));
            _listener.Listen();
            _accepting = AcceptAsync(handle);
        }

        public int Connections => Volatile.Read(ref _connections);

        public static UnixSocketServer Start(string path, Func<Socket, CancellationToken, Task> handle) => new(path, handle);

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync().WaitAsync(Timeout);
            _listener.Dispose();
            await _accepting.WaitAsync(Timeout);
            _stop.Dispose();
        }

        private async Task AcceptAsync(Func<Socket, CancellationToken, Task> handle)
        {
            var handlers = new List<Task>();
            try
            {
                while (true)
                {
                    var socket = await _listener.AcceptAsync(_stop.Token);
                    Interlocked.Increment(ref _connections);
                    handlers.Add(ServeAsync(socket, handle));
                }
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                // Stopped.
            }

            await Task.WhenAll(handlers).WaitAsync(Timeout);
        }

        private async Task ServeAsync(Socket socket, Func<Socket, CancellationToken, Task> handle)
        {
            using (socket)
            {
                try
                {
                    await handle(socket, _stop.Token).WaitAsync(Timeout);
                }
                catch (Exception e) when (e is OperationCanceledException or SocketException or TimeoutException)
                {
                    // The probe went away first: nothing to check here.
                }

                socket.Shutdown(SocketShutdown.Both);
            }
        }
    }
}
