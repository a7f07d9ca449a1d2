using LiveRoom.Storage.Database;

namespace LiveRoom.Server.Startup;

/// <summary>Brings the database schema up to date before anything else starts (registered first).</summary>
public sealed partial class DatabaseMigrator(LiveRoomDatabase database, ILogger<DatabaseMigrator> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await database.MigrateAsync(cancellationToken);
        Log.Ready(logger, database.DatabaseFile);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static partial class Log
    {
        [LoggerMessage(EventId = 6001, Level = LogLevel.Information, Message = "Database ready at {DatabaseFile}")]
        public static partial void Ready(ILogger logger, string databaseFile);
    }
}
