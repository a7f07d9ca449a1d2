using LiveRoom.Media.Rtmp;
using Microsoft.Extensions.Logging;

namespace LiveRoom.Media.Tests;

/// <summary>A real RTMP ingest on a free loopback port, with short timeouts so the timeout tests are quick.</summary>
public sealed class RtmpServerFixture : IAsyncLifetime
{
    private LoopbackRtmpServer? _ingest;

    public RecordingGate Gate { get; } = new();

    public CollectingLoggerProvider Logs { get; } = new();

    public RtmpServer Server => Ingest.Server;

    public int Port => Ingest.Port;

    private LoopbackRtmpServer Ingest => _ingest ?? throw new InvalidOperationException("The RTMP ingest has not started.");

    public async ValueTask InitializeAsync()
    {
        using var factory = LoggerFactory.Create(b => b.AddProvider(Logs).SetMinimumLevel(LogLevel.Debug));
        _ingest = await LoopbackRtmpServer.StartAsync(Gate, new RtmpServerOptions
        {
            HandshakeTimeoutSeconds = 2,
            PublishTimeoutSeconds = 5,
            IdleTimeoutSeconds = 3,
            MaxPendingConnections = 8,
        }, factory);
    }

    public async ValueTask DisposeAsync()
    {
        if (_ingest is not null) await _ingest.DisposeAsync();
    }
}
