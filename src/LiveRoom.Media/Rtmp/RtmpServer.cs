using System.Net;
using System.Net.Sockets;
using LiveRoom.Media.Ingest;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LiveRoom.Media.Rtmp;

/// <summary>
/// The in-process RTMP ingest: accepts publishers on the configured port and runs each connection on its
/// own. Connections that are not publishing yet are strangers: they wait in a bounded set (per address and
/// in all, see <see cref="PendingConnections"/>) in which a newcomer takes the place of the oldest idle
/// stranger (its own address's first) rather than being turned away, may hold only small messages, and share one byte budget with
/// every other connection. What strangers cause is logged at a bounded rate.
/// </summary>
public sealed partial class RtmpServer : BackgroundService
{
    private static readonly TimeSpan SummaryInterval = TimeSpan.FromSeconds(10);

    private readonly TaskCompletionSource<IPEndPoint> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly IIngestGate _gate;
    private readonly RtmpServerOptions _settings;
    private readonly ILogger<RtmpServer> _logger;
    private readonly TimeProvider _clock;
    private readonly PendingConnections _pending;
    private readonly RtmpBufferBudget _budget;
    private readonly RtmpLimits _limits;
    private readonly RtmpRefusalLog _refusals;

    public RtmpServer(IIngestGate gate, IOptions<RtmpServerOptions> options, ILogger<RtmpServer> logger, TimeProvider? clock = null)
    {
        _gate = gate;
        _settings = options.Value;
        _logger = logger;
        _clock = clock ?? TimeProvider.System;
        _pending = new PendingConnections(_settings.MaxPendingConnections, _settings.MaxPendingPerAddress, _clock);
        _budget = new RtmpBufferBudget(_settings.MaxBufferedBytesTotal);
        _limits = RtmpLimits.Default with { MaxBytesBeforePublish = _settings.MaxBytesBeforePublish };
        _refusals = new RtmpRefusalLog(logger, _clock, _settings.MaxRefusalLogLinesPerMinute);
    }

    /// <summary>Where the ingest listens, once it does (port 0 in settings picks a free one).</summary>
    public Task<IPEndPoint> ListeningAsync => _listening.Task;

    /// <summary>Bytes all connections hold now in partly received messages (bounded by <see cref="RtmpServerOptions.MaxBufferedBytesTotal"/>).</summary>
    public long BufferedBytes => _budget.Used;

    /// <summary>Connections that have not had a publish accepted yet.</summary>
    public int WaitingConnections => _pending.Count;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var listener = new TcpListener(IPAddress.Parse(_settings.ListenAddress), _settings.RtmpPort);
        try
        {
            listener.Start();
        }
        catch (SocketException ex)
        {
            Log.CannotListen(_logger, ex, _settings.ListenAddress, _settings.RtmpPort);
            _listening.TrySetException(ex);
            return;
        }

        var endpoint = (IPEndPoint)listener.LocalEndpoint;
        _listening.TrySetResult(endpoint);
        Log.Listening(_logger, endpoint.ToString());
        var connections = new List<Task>();
        var summaries = WriteSummariesAsync(stoppingToken);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var socket = await listener.AcceptSocketAsync(stoppingToken);
                connections.RemoveAll(t => t.IsCompleted);
                connections.Add(ServeAsync(socket, stoppingToken));
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            listener.Stop();
            await Task.WhenAll(connections);
            await summaries;
        }
    }

    private async Task ServeAsync(Socket socket, CancellationToken stoppingToken)
    {
        var remote = socket.RemoteEndPoint as IPEndPoint;
        var peer = remote?.ToString() ?? "unknown";
        var outcome = _pending.TryAdmit(socket, remote?.Address ?? IPAddress.None, peer, out var slot, out var evicted);
        if (evicted is not null)
        {
            _refusals.Report(evicted.Peer, evicted.Address, "evicted: a newer connection needed its place among those waiting to publish");
        }

        if (slot is null)
        {
            var address = PendingConnections.AddressKey(remote?.Address ?? IPAddress.None);
            _refusals.Report(peer, address, outcome == PendingConnections.Outcome.RefusedAddressFull
                ? $"already {_settings.MaxPendingPerAddress} connections from this address waiting to publish, all checking a publish"
                : $"already {_settings.MaxPendingConnections} connections waiting to publish, all checking a publish");
            socket.Dispose();
            return;
        }

        using (slot)
        {
            try
            {
                socket.NoDelay = true;
                using var stop = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, slot.Evicted);
                await using var stream = new NetworkStream(socket, ownsSocket: true);
                var connection = new RtmpConnection(stream, peer, _gate, slot, _settings, _limits, _budget, _refusals, _logger);
                await connection.RunAsync(stop.Token);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Log.ConnectionFailed(_logger, ex, peer);
            }
            finally
            {
                slot.Leave();
            }
        }
    }

    private async Task WriteSummariesAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(SummaryInterval, _clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken)) _refusals.FlushIfDue();
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 7101, Level = LogLevel.Information, Message = "RTMP ingest listening on {Endpoint}")]
        public static partial void Listening(ILogger logger, string endpoint);

        [LoggerMessage(EventId = 7102, Level = LogLevel.Error, Message = "RTMP ingest cannot listen on {Address}:{Port}")]
        public static partial void CannotListen(ILogger logger, Exception exception, string address, int port);

        [LoggerMessage(EventId = 7104, Level = LogLevel.Error, Message = "RTMP {Peer} connection failed")]
        public static partial void ConnectionFailed(ILogger logger, Exception exception, string peer);
    }
}
