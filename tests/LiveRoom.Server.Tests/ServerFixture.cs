using LiveRoom.Testing;

namespace LiveRoom.Server.Tests;

/// <summary>One real server for a test class; tests make their own rooms so they do not see each other.</summary>
public sealed class ServerFixture : IAsyncLifetime
{
    public LiveRoomTestServer Server { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Server = await LiveRoomTestServer.StartAsync().WaitAsync(TimeSpan.FromSeconds(60));

    public async ValueTask DisposeAsync() => await Server.DisposeAsync();
}
