using LiveRoom.Media.Flv;
using LiveRoom.Media.Rtmp;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LiveRoom.Media.Tests.Flv;

/// <summary>A real RTMP ingest on a free loopback port whose publishers feed FLV relays.</summary>
public sealed class RelayServerFixture : IAsyncLifetime
{
    private readonly CancellationTokenSource _stop = new();
    private ILoggerFactory? _loggerFactory;

    public CollectingLoggerProvider Logs { get; } = new();

    public RelayGate Gate { get; private set; } = null!;

    public RtmpServer Server { get; private set; } = null!;

    public int Port { get; private set; }

    public async ValueTask InitializeAsync()
    {
        _loggerFactory = LoggerFactory.Create(b => b.AddProvider(Logs).SetMinimumLevel(LogLevel.Debug));
        Gate = new RelayGate(new FlvRelayRegistry(Options.Create(new FlvRelayOptions()), _loggerFactory));
        var options = Options.Create(new RtmpServerOptions
        {
            RtmpPort = 0,
            ListenAddress = "127.0.0.1",
            HandshakeTimeoutSeconds = 5,
            PublishTimeoutSeconds = 10,
            IdleTimeoutSeconds = 5,
        });
        Server = new RtmpServer(Gate, options, _loggerFactory.CreateLogger<RtmpServer>());
        await Server.StartAsync(_stop.Token);
        Port = (await Server.ListeningAsync.WaitAsync(TimeSpan.FromSeconds(10))).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Server.StopAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        Server.Dispose();
        _loggerFactory?.Dispose();
        _stop.Dispose();
    }
}
