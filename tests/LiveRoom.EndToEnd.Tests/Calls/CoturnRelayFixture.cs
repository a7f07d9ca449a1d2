using LiveRoom.Testing;

namespace LiveRoom.EndToEnd.Tests.Calls;

/// <summary>
/// coturn for calls between two browsers on this machine: the production configuration, plus what relaying
/// between loopback peers needs. Both browsers' relay addresses are coturn's own 127.0.0.1, a peer address the
/// production file denies; <c>allow-loopback-peers</c> alone does not lift a denied range in coturn 4.6.1, so
/// exactly 127.0.0.1 is also allowed (<c>allowed-peer-ip</c> is checked before the denied ranges). Nothing else
/// on loopback, and no other range, is opened.
/// </summary>
public sealed class CoturnRelayFixture : IAsyncLifetime
{
    private CoturnServer? _server;

    internal CoturnServer Server => _server ?? throw new InvalidOperationException("coturn has not started.");

    public async ValueTask InitializeAsync()
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        _server = await CoturnServer.StartAsync(["--allow-loopback-peers", "--allowed-peer-ip=127.0.0.1"], cancellationToken: deadline.Token);
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
    }
}
