using LiveRoom.Grains.Calls;
using LiveRoom.Grains.Chat;
using LiveRoom.Grains.Delivery;
using LiveRoom.Grains.Live;
using LiveRoom.Storage;
using LiveRoom.Storage.Database;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;

namespace LiveRoom.Grains.Tests;

/// <summary>
/// One in-process Orleans cluster with LiveRoom's grains on a real SQLite database. Time is a
/// <see cref="FakeTimeProvider"/> driven by the tests; frames are coalesced over 200 ms so a burst is
/// reliably one frame or two.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public const int FrameIntervalMilliseconds = 200;
    public const int GracePeriodSeconds = 60;
    public const int OfferTimeoutSeconds = 20;
    public const int ReconnectGraceSeconds = 30;
    public const int DeclineCooldownSeconds = 30;

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "liveroom-grain-tests", Guid.NewGuid().ToString("N"));

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 1, 9, 0, 0, TimeSpan.Zero));

    public IClusterClient Client => Cluster.Client;

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        var databaseFile = Path.Combine(_directory, "grains.db");
        await new LiveRoomDatabase(databaseFile).MigrateAsync();

        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.AddLiveRoomSqliteStorage(databaseFile);
            silo.Services.AddSingleton<TimeProvider>(Time);
            silo.Services.AddOptions<ChatOptions>();
            silo.Services.AddOptions<LiveOptions>().Configure(o => o.GracePeriodSeconds = GracePeriodSeconds);
            silo.Services.AddOptions<CallOptions>().Configure(o =>
            {
                o.PublishIntervalMilliseconds = 0;
                o.OfferTimeoutSeconds = OfferTimeoutSeconds;
                o.ReconnectGraceSeconds = ReconnectGraceSeconds;
                o.DeclineCooldownSeconds = DeclineCooldownSeconds;
            });
            silo.Services.AddOptions<FanoutOptions>().Configure(o => o.FrameIntervalMilliseconds = FrameIntervalMilliseconds);
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync().WaitAsync(TimeSpan.FromSeconds(60));
    }

    public async ValueTask DisposeAsync()
    {
        await Cluster.DisposeAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
