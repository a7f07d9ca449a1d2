using System.Globalization;
using System.Text.Json;
using LiveRoom.Storage.Database;
using Orleans.Storage;

namespace LiveRoom.Storage.GrainState;

/// <summary>
/// Orleans grain storage in the LiveRoom database: one row per grain state, JSON payload, optimistic
/// concurrency on an integer etag. A write whose etag no longer matches fails with
/// <see cref="InconsistentStateException"/>, as Orleans expects.
/// </summary>
public sealed class SqlGrainStorage(string name, LiveRoomDatabase database, TimeProvider time) : IGrainStorage
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.General)
    {
        IncludeFields = false,
        WriteIndented = false,
    };

    public string Name { get; } = name;

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await using var connection = await database.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT etag, payload FROM grain_state WHERE grain_type = @type AND grain_id = @id;";
        command.AddParameter("@type", TypeKey(stateName));
        command.AddParameter("@id", grainId.ToString());
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
        {
            grainState.State = Activator.CreateInstance<T>();
            grainState.ETag = null;
            grainState.RecordExists = false;
            return;
        }

        var etag = reader.GetString(0);
        var payload = (byte[])reader.GetValue(1);
        grainState.State = JsonSerializer.Deserialize<T>(payload, Json) ?? Activator.CreateInstance<T>();
        grainState.ETag = etag;
        grainState.RecordExists = true;
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var payload = JsonSerializer.SerializeToUtf8Bytes(grainState.State, Json);
        var next = NextEtag(grainState.ETag);
        await using var connection = await database.OpenAsync();
        await using var command = connection.CreateCommand();
        if (grainState.ETag is null)
        {
            command.CommandText = """
                INSERT INTO grain_state (grain_type, grain_id, etag, payload, updated_at)
                VALUES (@type, @id, @etag, @payload, @at)
                ON CONFLICT (grain_type, grain_id) DO NOTHING;
                """;
        }
        else
        {
            command.CommandText = """
                UPDATE grain_state SET etag = @etag, payload = @payload, updated_at = @at
                WHERE grain_type = @type AND grain_id = @id AND etag = @expected;
                """;
            command.AddParameter("@expected", grainState.ETag);
        }

        command.AddParameter("@type", TypeKey(stateName));
        command.AddParameter("@id", grainId.ToString());
        command.AddParameter("@etag", next);
        command.AddParameter("@payload", payload);
        command.AddParameter("@at", time.GetUtcNow().ToDb());
        var rows = await command.ExecuteNonQueryAsync();
        if (rows != 1)
        {
            throw new InconsistentStateException(
                $"Grain state '{stateName}' of {grainId} was changed by someone else (expected etag '{grainState.ETag ?? "none"}').",
                storedEtag: "unknown",
                currentEtag: grainState.ETag ?? string.Empty);
        }

        grainState.ETag = next;
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await using var connection = await database.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM grain_state WHERE grain_type = @type AND grain_id = @id;";
        command.AddParameter("@type", TypeKey(stateName));
        command.AddParameter("@id", grainId.ToString());
        await command.ExecuteNonQueryAsync();
        grainState.State = Activator.CreateInstance<T>();
        grainState.ETag = null;
        grainState.RecordExists = false;
    }

    private string TypeKey(string stateName) => string.Concat(Name, "/", stateName);

    private static string NextEtag(string? current) =>
        current is not null && long.TryParse(current, NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            ? (version + 1).ToString(CultureInfo.InvariantCulture)
            : "1";
}
