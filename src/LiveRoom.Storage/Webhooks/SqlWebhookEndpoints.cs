using System.Data.Common;
using LiveRoom.Contracts.Webhooks;
using LiveRoom.Storage.Database;

namespace LiveRoom.Storage.Webhooks;

/// <summary><see cref="IWebhookEndpoints"/> in the LiveRoom database (portable SQL: SQLite and PostgreSQL).</summary>
public sealed class SqlWebhookEndpoints(LiveRoomDatabase database, TimeProvider time) : IWebhookEndpoints
{
    private const string Columns =
        "id, url, enabled, disabled_reason, created_at, last_success_at, last_failure_at, last_failure, consecutive_failures, previous_secret_expires";

    public async Task<WebhookEndpoint> CreateAsync(string id, string url, IReadOnlyList<string> events, string secret, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var insert = connection.CreateCommand())
        {
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO webhook_endpoints (id, url, enabled, secret, created_at) VALUES (@id, @url, 1, @secret, @at);";
            insert.AddParameter("@id", id);
            insert.AddParameter("@url", url);
            insert.AddParameter("@secret", secret);
            insert.AddParameter("@at", time.GetUtcNow().ToDb());
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await SetEventsAsync(connection, transaction, id, events, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (await ReadAsync(connection, null, id, cancellationToken))[0];
    }

    public async Task<IReadOnlyList<WebhookEndpoint>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await ReadAsync(connection, null, null, cancellationToken);
    }

    public async Task<WebhookEndpoint?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await ReadAsync(connection, null, id, cancellationToken)).SingleOrDefault();
    }

    public async Task<WebhookEndpoint?> UpdateAsync(string id, WebhookEndpointChange change, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var update = connection.CreateCommand())
        {
            update.Transaction = transaction;
            update.CommandText = """
                UPDATE webhook_endpoints SET
                    url = COALESCE(@url, url),
                    enabled = COALESCE(@enabled, enabled),
                    disabled_reason = CASE WHEN @enabled = 1 THEN NULL ELSE disabled_reason END
                WHERE id = @id;
                """;
            update.AddParameter("@id", id);
            update.AddParameter("@url", change.Url);
            update.AddParameter("@enabled", change.Enabled is { } enabled ? (enabled ? 1 : 0) : null);
            if (await update.ExecuteNonQueryAsync(cancellationToken) == 0) return null;
        }

        if (change.Events is not null) await SetEventsAsync(connection, transaction, id, change.Events, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (await ReadAsync(connection, null, id, cancellationToken)).SingleOrDefault();
    }

    public async Task<bool> DeleteAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var deleted = 0;
        foreach (var sql in new[]
        {
            "DELETE FROM webhook_deliveries WHERE endpoint_id = @id;",
            "DELETE FROM webhook_subscriptions WHERE endpoint_id = @id;",
            "DELETE FROM webhook_endpoints WHERE id = @id;",
        })
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql;
            command.AddParameter("@id", id);
            deleted = await command.ExecuteNonQueryAsync(cancellationToken);
        }

        // Events no delivery refers to any more are of no use.
        await using (var orphans = connection.CreateCommand())
        {
            orphans.Transaction = transaction;
            orphans.CommandText = "DELETE FROM webhook_events WHERE NOT EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.event_id = webhook_events.id);";
            await orphans.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return deleted > 0;
    }

    public async Task<WebhookEndpoint?> RotateSecretAsync(string id, string secret, DateTimeOffset previousExpiresAt, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using (var update = connection.CreateCommand())
        {
            update.CommandText = "UPDATE webhook_endpoints SET previous_secret = secret, previous_secret_expires = @expires, secret = @secret WHERE id = @id;";
            update.AddParameter("@id", id);
            update.AddParameter("@secret", secret);
            update.AddParameter("@expires", previousExpiresAt.ToDb());
            if (await update.ExecuteNonQueryAsync(cancellationToken) == 0) return null;
        }

        return (await ReadAsync(connection, null, id, cancellationToken)).SingleOrDefault();
    }

    private static async Task SetEventsAsync(DbConnection connection, DbTransaction transaction, string id, IReadOnlyList<string> events, CancellationToken cancellationToken)
    {
        await using (var clear = connection.CreateCommand())
        {
            clear.Transaction = transaction;
            clear.CommandText = "DELETE FROM webhook_subscriptions WHERE endpoint_id = @id;";
            clear.AddParameter("@id", id);
            await clear.ExecuteNonQueryAsync(cancellationToken);
        }

        foreach (var type in events.Distinct(StringComparer.Ordinal))
        {
            await using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO webhook_subscriptions (endpoint_id, event_type) VALUES (@id, @type);";
            insert.AddParameter("@id", id);
            insert.AddParameter("@type", type);
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static async Task<IReadOnlyList<WebhookEndpoint>> ReadAsync(DbConnection connection, DbTransaction? transaction, string? id, CancellationToken cancellationToken)
    {
        var events = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        await using (var subscriptions = connection.CreateCommand())
        {
            subscriptions.Transaction = transaction;
            subscriptions.CommandText = "SELECT endpoint_id, event_type FROM webhook_subscriptions WHERE (@id IS NULL OR endpoint_id = @id) ORDER BY event_type;";
            subscriptions.AddParameter("@id", id);
            await using var reader = await subscriptions.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var endpoint = reader.GetString(0);
                if (!events.TryGetValue(endpoint, out var list)) events[endpoint] = list = [];
                list.Add(reader.GetString(1));
            }
        }

        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT {Columns} FROM webhook_endpoints WHERE (@id IS NULL OR id = @id) ORDER BY created_at, id;";
        command.AddParameter("@id", id);
        await using var rows = await command.ExecuteReaderAsync(cancellationToken);
        var found = new List<WebhookEndpoint>();
        while (await rows.ReadAsync(cancellationToken))
        {
            var endpointId = rows.GetString(0);
            found.Add(new WebhookEndpoint(
                endpointId,
                rows.GetString(1),
                events.TryGetValue(endpointId, out var types) ? types : [],
                rows.GetInt64(2) != 0,
                rows.GetNullableString(3),
                rows.GetTime(4),
                rows.GetNullableTime(5),
                rows.GetNullableTime(6),
                rows.GetNullableString(7),
                rows.GetInt32(8),
                rows.GetNullableTime(9)));
        }

        return found;
    }
}
