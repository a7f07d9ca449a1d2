using System.Net;
using System.Net.Sockets;
using LiveRoom.Media.Ingest;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LiveRoom.Media.Rtmp;

/// <summary>
/// The in-process RTMP ingest: accepts publishers on the configured port and runs each connection on its
/// own. At most <see cref="RtmpServerOptions.MaxPendingConnections"/> connections may be waiting for an
/// accepted publish at once; more are closed at once, so unauthenticated peers cannot pile up.
/// </summary>
public sealed partial class RtmpServer(IIngestGate gate, IOptions<RtmpServerOptions> options, ILogger<RtmpServer> logger) : BackgroundService
{
    private readonly TaskCompletionSource<IPEndPoint> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _pending;

    /// <summary>Where the ingest listens, once it does (port 0 in settings picks a free one).</summary>
    public Task<IPEndPoint> ListeningAsync => _listening.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var listener = new TcpListener(IPAddress.Parse(settings.ListenAddress), settings.RtmpPort);
        try
        {
            listener.Start();
        }
        catch (SocketException ex)
        {
            Log.CannotListen(logger, ex, settings.ListenAddress, settings.RtmpPort);
            _listening.TrySetException(ex);
            return;
        }

        var endpoint = (IPEndPoint)listener.LocalEndpoint;
        _listening.TrySetResult(endpoint);
        Log.Listening(logger, endpoint.ToString());
        var connections = new List<Task>();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var socket = await listener.AcceptSocketAsync(stoppingToken);
                connections.RemoveAll(t => t.IsCompleted);
                connections.Add(ServeAsync(socket, settings, stoppingToken));
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            listener.Stop();
            await Task.WhenAll(connections);
        }
    }

    private async Task ServeAsync(Socket socket, RtmpServerOptions settings, CancellationToken stoppingToken)
    {
        var peer = socket.RemoteEndPoint?.ToString() ?? "unknown";
        if (Interlocked.Increment(ref _pending) > settings.MaxPendingConnections)
        {
            Interlocked.Decrement(ref _pending);
            Log.TooManyPending(logger, peer, settings.MaxPendingConnections);
            socket.Dispose();
            return;
        }

        var stillPending = true;
        try
        {
            socket.NoDelay = true;
            await using var stream = new NetworkStream(socket, ownsSocket: true);
            var connection = new RtmpConnection(stream, peer, new PendingAwareGate(gate, () =>
            {
                if (stillPending)
                {
                    stillPending = false;
                    Interlocked.Decrement(ref _pending);
                }
            }), settings, RtmpLimits.Default, logger);
            await connection.RunAsync(stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.ConnectionFailed(logger, ex, peer);
        }
        finally
        {
            if (stillPending) Interlocked.Decrement(ref _pending);
        }
    }

    /// <summary>Counts a connection as no longer pending once its publish is admitted.</summary>
    private sealed class PendingAwareGate(IIngestGate inner, Action admitted) : IIngestGate
    {
        public async ValueTask<IngestAdmission> AdmitAsync(string roomId, string streamKey, string peer, CancellationToken cancellationToken)
        {
            var admission = await inner.AdmitAsync(roomId, streamKey, peer, cancellationToken);
            if (admission.Session is not null) admitted();
            return admission;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 7101, Level = LogLevel.Information, Message = "RTMP ingest listening on {Endpoint}")]
        public static partial void Listening(ILogger logger, string endpoint);

        [LoggerMessage(EventId = 7102, Level = LogLevel.Error, Message = "RTMP ingest cannot listen on {Address}:{Port}")]
        public static partial void CannotListen(ILogger logger, Exception exception, string address, int port);

        [LoggerMessage(EventId = 7103, Level = LogLevel.Warning, Message = "RTMP {Peer} refused: already {Limit} connections waiting to publish")]
        public static partial void TooManyPending(ILogger logger, string peer, int limit);

        [LoggerMessage(EventId = 7104, Level = LogLevel.Error, Message = "RTMP {Peer} connection failed")]
        public static partial void ConnectionFailed(ILogger logger, Exception exception, string peer);
    }
}
