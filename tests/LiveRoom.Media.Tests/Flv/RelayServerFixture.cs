using LiveRoom.Media.Flv;
using LiveRoom.Media.Rtmp;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LiveRoom.Media.Tests.Flv;

/// <summary>A real RTMP ingest on a free loopback port whose publishers feed FLV relays.</summary>
public sealed class RelayServerFixture : IAsyncLifetime
{
    private ILoggerFactory? _loggerFactory;
    private LoopbackRtmpServer? _ingest;

    public CollectingLoggerProvider Logs { get; } = new();

    public RelayGate Gate { get; private set; } = null!;

    public RtmpServer Server => Ingest.Server;

    public int Port => Ingest.Port;

    private LoopbackRtmpServer Ingest => _ingest ?? throw new InvalidOperationException("The RTMP ingest has not started.");

    public async ValueTask InitializeAsync()
    {
        // The relays log for as long as the fixture lives, so the factory does too.
        _loggerFactory = LoggerFactory.Create(b => b.AddProvider(Logs).SetMinimumLevel(LogLevel.Debug));
        Gate = new RelayGate(new FlvRelayRegistry(Options.Create(new FlvRelayOptions()), _loggerFactory));
        _ingest = await LoopbackRtmpServer.StartAsync(Gate, new RtmpServerOptions
        {
            HandshakeTimeoutSeconds = 5,
            PublishTimeoutSeconds = 10,
            IdleTimeoutSeconds = 5,
        }, _loggerFactory);
    }

    public async ValueTask DisposeAsync()
    {
        if (_ingest is not null) await _ingest.DisposeAsync();
        _loggerFactory?.Dispose();
    }
}
