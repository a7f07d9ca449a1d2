using LiveRoom.Testing;

namespace LiveRoom.Server.Tests.Calls;

/// <summary>
/// coturn with the production configuration, changed only where a test instance must be: it listens and relays on
/// 127.0.0.1 and ::1, on a free port, with a random secret. Nothing opens loopback or any other denied range.
/// </summary>
public sealed class HardenedCoturnFixture : IAsyncLifetime
{
    private CoturnServer? _server;

    internal CoturnServer Server => _server ?? throw new InvalidOperationException("coturn has not started.");

    /// <summary>What coturn wrote while it started, before any test talked to it.</summary>
    internal IReadOnlyList<string> StartupLog { get; private set; } = [];

    public async ValueTask InitializeAsync()
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        _server = await CoturnServer.StartAsync([], ipv6: true, deadline.Token);
        StartupLog = _server.LogLines();
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
    }
}
