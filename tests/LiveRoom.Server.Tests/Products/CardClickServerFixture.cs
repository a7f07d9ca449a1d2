using LiveRoom.Server.Tests.Webhooks;
using LiveRoom.Testing;

namespace LiveRoom.Server.Tests.Products;

/// <summary>A server whose webhooks reach loopback and whose card clicks go out in 2-second batches.</summary>
public sealed class CardClickServerFixture : IAsyncLifetime
{
    public const int BatchSeconds = 2;

    public LiveRoomTestServer Server { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        var settings = WebhookServerFixture.Settings();
        settings["LiveRoom:Products:ClickBatchSeconds"] = BatchSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Server = await LiveRoomTestServer.StartAsync(settings).WaitAsync(TimeSpan.FromSeconds(60));
    }

    public async ValueTask DisposeAsync() => await Server.DisposeAsync();
}
