using LiveRoom.Contracts.Calls;
using LiveRoom.Contracts.Channels;
using LiveRoom.Contracts.Common;
using LiveRoom.Contracts.Engagement;
using LiveRoom.Contracts.Funnel;
using LiveRoom.Contracts.Jobs;
using LiveRoom.Contracts.Leads;
using LiveRoom.Contracts.Products;
using LiveRoom.Contracts.Rooms;
using LiveRoom.Contracts.Webhooks;
using LiveRoom.Storage.Calls;
using LiveRoom.Storage.Channels;
using LiveRoom.Storage.Database;
using LiveRoom.Storage.Engagement;
using LiveRoom.Storage.Funnel;
using LiveRoom.Storage.GrainState;
using LiveRoom.Storage.Jobs;
using LiveRoom.Storage.Leads;
using LiveRoom.Storage.Products;
using LiveRoom.Storage.Records;
using LiveRoom.Storage.Staff;
using LiveRoom.Storage.Webhooks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Storage;

namespace LiveRoom.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>The name of LiveRoom's grain storage provider; grains name it in <c>[PersistentState]</c>.</summary>
    public const string GrainStorageName = GrainStorage.Name;

    /// <summary>Registers the embedded database at <paramref name="databaseFile"/> and every store on it.</summary>
    public static IServiceCollection AddLiveRoomSqliteStorage(this IServiceCollection services, string databaseFile, int busyTimeoutSeconds = 30)
    {
        services.AddSingleton(new LiveRoomDatabase(databaseFile, busyTimeoutSeconds));
        services.AddSingleton<IRoomRecords, SqlRoomRecords>();
        services.AddSingleton<IStaffAccounts, SqlStaffAccounts>();
        services.AddSingleton<ICallRecords, SqlCallRecords>();
        services.AddSingleton<ICallBacks, SqlCallBacks>();
        services.AddSingleton<ICallItems, SqlCallItems>();
        services.AddSingleton<ILeads, SqlLeads>();
        services.AddSingleton<IPrivateChannels, SqlPrivateChannels>();
        services.AddSingleton<IProducts, SqlProducts>();
        services.AddSingleton<SqlEngagementLog>();
        services.AddSingleton<IFunnelStore, SqlFunnel>();
        services.AddSingleton<IEngagementLog>(sp => sp.GetRequiredService<SqlEngagementLog>());
        services.AddHostedService(sp => sp.GetRequiredService<SqlEngagementLog>());
        services.AddSingleton<IJobOutbox>(sp => new SqlJobOutbox(sp.GetRequiredService<LiveRoomDatabase>(), sp.GetService<TimeProvider>() ?? TimeProvider.System));
        services.AddSingleton<IWebhookEvents>(sp => new SqlWebhookEvents(
            sp.GetRequiredService<LiveRoomDatabase>(),
            sp.GetService<TimeProvider>() ?? TimeProvider.System,
            sp.GetService<ILogger<SqlWebhookEvents>>() ?? NullLogger<SqlWebhookEvents>.Instance));
        services.AddSingleton<IWebhookEndpoints>(sp => new SqlWebhookEndpoints(sp.GetRequiredService<LiveRoomDatabase>(), sp.GetService<TimeProvider>() ?? TimeProvider.System));
        services.AddSingleton<IWebhookDeliveries>(sp => new SqlWebhookDeliveries(sp.GetRequiredService<LiveRoomDatabase>(), sp.GetService<TimeProvider>() ?? TimeProvider.System));
        services.AddKeyedSingleton<IGrainStorage>(GrainStorageName, (sp, _) =>
            new SqlGrainStorage(GrainStorageName, sp.GetRequiredService<LiveRoomDatabase>(), sp.GetService<TimeProvider>() ?? TimeProvider.System));
        return services;
    }
}
