using LiveRoom.Testing;

namespace LiveRoom.Server.Tests.Webhooks;

/// <summary>A server whose webhooks may reach loopback over plain http, with retries a fraction of a second apart.</summary>
public sealed class WebhookServerFixture : IAsyncLifetime
{
    public static Dictionary<string, string?> Settings(string retrySchedule = "300ms,300ms,300ms") => new()
    {
        ["LiveRoom:Webhooks:AllowPrivateNetworks"] = "true",
        ["LiveRoom:Webhooks:AllowHttp"] = "true",
        ["LiveRoom:Webhooks:RetrySchedule"] = retrySchedule,
        ["LiveRoom:Webhooks:RetryJitter"] = "0",
        ["LiveRoom:Webhooks:PollIntervalMilliseconds"] = "100",
    };

    public LiveRoomTestServer Server { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Server = await LiveRoomTestServer.StartAsync(Settings()).WaitAsync(TimeSpan.FromSeconds(60));

    public async ValueTask DisposeAsync() => await Server.DisposeAsync();
}
