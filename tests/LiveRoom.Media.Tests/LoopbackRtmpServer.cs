using LiveRoom.Media.Ingest;
using LiveRoom.Media.Rtmp;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LiveRoom.Media.Tests;

/// <summary>A real RTMP ingest on a free loopback port, for the fixtures; disposing it stops it.</summary>
public sealed class LoopbackRtmpServer : IAsyncDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private readonly CancellationTokenSource _stop = new();

    private LoopbackRtmpServer(RtmpServer server) => Server = server;

    public RtmpServer Server { get; }

    public int Port { get; private set; }

    /// <summary>Starts an ingest with <paramref name="options"/> (their port and address are set here) and waits until it listens.</summary>
    public static async Task<LoopbackRtmpServer> StartAsync(IIngestGate gate, RtmpServerOptions options, ILoggerFactory loggerFactory)
    {
        options.RtmpPort = 0;
        options.ListenAddress = "127.0.0.1";
        var ingest = new LoopbackRtmpServer(new RtmpServer(gate, Options.Create(options), loggerFactory.CreateLogger<RtmpServer>()));
        await ingest.Server.StartAsync(ingest._stop.Token);
        ingest.Port = (await ingest.Server.ListeningAsync.WaitAsync(Timeout)).Port;
        return ingest;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Server.StopAsync(CancellationToken.None).WaitAsync(Timeout);
        Server.Dispose();
        _stop.Dispose();
    }
}
