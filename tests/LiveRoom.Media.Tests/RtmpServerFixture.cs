using LiveRoom.Media.Rtmp;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LiveRoom.Media.Tests;

/// <summary>A real RTMP ingest on a free loopback port, with short timeouts so the timeout tests are quick.</summary>
public sealed class RtmpServerFixture : IAsyncLifetime
{
    private readonly CancellationTokenSource _stop = new();

    public RecordingGate Gate { get; } = new();

    public CollectingLoggerProvider Logs { get; } = new();

    public RtmpServer Server { get; private set; } = null!;

    public int Port { get; private set; }

    public async ValueTask InitializeAsync()
    {
        var options = Options.Create(new RtmpServerOptions
        {
            RtmpPort = 0,
            ListenAddress = "127.0.0.1",
            HandshakeTimeoutSeconds = 2,
            PublishTimeoutSeconds = 5,
            IdleTimeoutSeconds = 3,
            MaxPendingConnections = 8,
        });
        using var factory = LoggerFactory.Create(b => b.AddProvider(Logs).SetMinimumLevel(LogLevel.Debug));
        Server = new RtmpServer(Gate, options, factory.CreateLogger<RtmpServer>());
        await Server.StartAsync(_stop.Token);
        Port = (await Server.ListeningAsync.WaitAsync(TimeSpan.FromSeconds(10))).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Server.StopAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        Server.Dispose();
        _stop.Dispose();
    }
}
