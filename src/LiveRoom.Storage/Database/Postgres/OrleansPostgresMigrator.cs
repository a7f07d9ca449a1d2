using Npgsql;

namespace LiveRoom.Storage.Database.Postgres;

/// <summary>
/// Brings a PostgreSQL database up to what Orleans' ADO.NET membership and reminder providers need
/// (<see cref="OrleansPostgresSchema"/>): the tables when missing, and the named queries as this release writes
/// them. It all happens in one transaction under an advisory lock, so nodes that start at once take turns and
/// each finds the work done or does it whole; running it again changes nothing.
/// </summary>
public static class OrleansPostgresMigrator
{
    public static async Task ApplyAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@key)", connection, transaction))
        {
            lockCommand.Parameters.AddWithValue("key", OrleansPostgresSchema.AdvisoryLockKey);
            await lockCommand.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var tables = new NpgsqlCommand(OrleansPostgresSchema.Tables, connection, transaction))
        {
            await tables.ExecuteNonQueryAsync(cancellationToken);
        }

        // The queries are this release's: a newer text replaces an older one, the same text is left alone.
        await using var queries = new NpgsqlBatch(connection, transaction);
        foreach (var (key, text) in OrleansPostgresSchema.Queries)
        {
            var upsert = new NpgsqlBatchCommand("""
                INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ($1, $2)
                ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText
                WHERE OrleansQuery.QueryText IS DISTINCT FROM EXCLUDED.QueryText
                """);
            upsert.Parameters.Add(new NpgsqlParameter { Value = key });
            upsert.Parameters.Add(new NpgsqlParameter { Value = text });
            queries.BatchCommands.Add(upsert);
        }

        await queries.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
