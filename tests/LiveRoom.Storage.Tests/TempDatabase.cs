using LiveRoom.Storage.Database;

namespace LiveRoom.Storage.Tests;

/// <summary>A migrated database in its own temporary folder, deleted afterwards.</summary>
public sealed class TempDatabase : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "liveroom-storage-tests", Guid.NewGuid().ToString("N"));

    public LiveRoomDatabase Database { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        Database = new LiveRoomDatabase(Path.Combine(_directory, "test.db"));
        await Database.MigrateAsync();
    }

    public ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }

        return ValueTask.CompletedTask;
    }
}
