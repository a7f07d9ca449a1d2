using System.Data.Common;
using LiveRoom.Contracts.Webhooks;
using LiveRoom.Storage.Database;
using LiveRoom.Storage.Records;

namespace LiveRoom.Storage.Webhooks;

/// <summary><see cref="IWebhookDeliveries"/> in the LiveRoom database (portable SQL: SQLite and PostgreSQL).</summary>
public sealed class SqlWebhookDeliveries(LiveRoomDatabase database, TimeProvider time) : IWebhookDeliveries
{
    private const int MaxErrorLength = 1_000;

    private const string Select = """
        SELECT d.id, d.event_id, v.type, d.endpoint_id, e.url, d.status, d.attempts, d.created_at, d.next_attempt_at,
               d.last_attempt_at, d.last_status_code, d.last_error, d.last_duration_ms
        FROM webhook_deliveries d
        JOIN webhook_events v ON v.id = d.event_id
        JOIN webhook_endpoints e ON e.id = d.endpoint_id
        """;

    public async Task<IReadOnlyList<WebhookDelivery>> ListAsync(string? endpointId, WebhookDeliveryStatus? status, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            {Select}
            WHERE (@endpointId IS NULL OR d.endpoint_id = @endpointId) AND (@status IS NULL OR d.status = @status)
            ORDER BY d.created_at DESC, d.id DESC LIMIT @limit;
            """;
        command.AddParameter("@endpointId", endpointId);
        command.AddParameter("@status", status is { } s ? WireNames.ToName(s) : null);
        command.AddParameter("@limit", Math.Clamp(limit, 1, 500));
        return await ReadAsync(command, cancellationToken);
    }

    public async Task<WebhookDelivery?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await GetAsync(connection, id, cancellationToken);
    }

    public async Task<WebhookDelivery?> AddTestEventAsync(string endpointId, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var eventId = WebhookBodies.NewEventId();
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var exists = connection.CreateCommand())
        {
            exists.Transaction = transaction;
            exists.CommandText = "SELECT COUNT(*) FROM webhook_endpoints WHERE id = @id;";
            exists.AddParameter("@id", endpointId);
            if (Convert.ToInt64(await exists.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) == 0) return null;
        }

        var body = WebhookBodies.Write(WebhookEventTypes.Ping, now, new { endpointId, message = "A test event from LiveRoom." });
        await SqlWebhookEvents.WriteEventAsync(connection, transaction, eventId, WebhookEventTypes.Ping, body, now, [endpointId], cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await using var find = connection.CreateCommand();
        find.CommandText = $"{Select} WHERE d.event_id = @eventId;";
        find.AddParameter("@eventId", eventId);
        return (await ReadAsync(find, cancellationToken)).SingleOrDefault();
    }

    public async Task<IReadOnlyList<string>> ClaimDueAsync(DateTimeOffset claimUntil, int limit, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().ToDb();
        await using var connection = await database.OpenAsync(cancellationToken);
        var due = new List<string>();
        await using (var select = connection.CreateCommand())
        {
            select.CommandText = """
                SELECT d.id FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id
                WHERE d.status = 'pending' AND e.enabled = 1 AND d.next_attempt_at <= @now
                ORDER BY d.next_attempt_at LIMIT @limit;
                """;
            select.AddParameter("@now", now);
            select.AddParameter("@limit", Math.Max(1, limit));
            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken)) due.Add(reader.GetString(0));
        }

        var claimed = new List<string>(due.Count);
        foreach (var id in due)
        {
            // Only the sender whose update still finds it due takes it.
            await using var claim = connection.CreateCommand();
            claim.CommandText = "UPDATE webhook_deliveries SET next_attempt_at = @until WHERE id = @id AND status = 'pending' AND next_attempt_at <= @now;";
            claim.AddParameter("@until", claimUntil.ToDb());
            claim.AddParameter("@id", id);
            claim.AddParameter("@now", now);
            if (await claim.ExecuteNonQueryAsync(cancellationToken) == 1) claimed.Add(id);
        }

        return claimed;
    }

    public async Task<WebhookDispatch?> GetDispatchAsync(string deliveryId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT d.id, d.event_id, d.endpoint_id, e.url, v.body, d.attempts, d.status, e.enabled, e.secret, e.previous_secret, e.previous_secret_expires
            FROM webhook_deliveries d
            JOIN webhook_events v ON v.id = d.event_id
            JOIN webhook_endpoints e ON e.id = d.endpoint_id
            WHERE d.id = @id;
            """;
        command.AddParameter("@id", deliveryId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken)) return null;
        return new WebhookDispatch(
            reader.GetString(0),
            reader.GetString(1),
            reader.GetString(2),
            reader.GetString(3),
            reader.GetString(4),
            reader.GetInt32(5),
            WireNames.Parse<WebhookDeliveryStatus>(reader.GetString(6)),
            reader.GetInt64(7) != 0,
            new WebhookSigningKeys(reader.GetString(8), reader.GetNullableString(9), reader.GetNullableTime(10)));
    }

    public async Task RecordAttemptAsync(string deliveryId, WebhookAttemptResult result, CancellationToken cancellationToken = default)
    {
        var status = result.Succeeded ? WebhookDeliveryStatus.Succeeded
            : result.NextAttemptAt is null ? WebhookDeliveryStatus.Failed
            : WebhookDeliveryStatus.Pending;
        var error = result.Error is { Length: > MaxErrorLength } text ? text[..MaxErrorLength] : result.Error;
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        string? endpointId;
        await using (var update = connection.CreateCommand())
        {
            update.Transaction = transaction;
            update.CommandText = """
                UPDATE webhook_deliveries SET status = @status, attempts = attempts + 1, next_attempt_at = @next, last_attempt_at = @at,
                    last_status_code = @code, last_error = @error, last_duration_ms = @duration
                WHERE id = @id;
                """;
            update.AddParameter("@id", deliveryId);
            update.AddParameter("@status", WireNames.ToName(status));
            update.AddParameter("@next", status == WebhookDeliveryStatus.Pending ? result.NextAttemptAt.ToDb() : null);
            update.AddParameter("@at", result.At.ToDb());
            update.AddParameter("@code", result.StatusCode);
            update.AddParameter("@error", error);
            update.AddParameter("@duration", result.DurationMs);
            await update.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var find = connection.CreateCommand())
        {
            find.Transaction = transaction;
            find.CommandText = "SELECT endpoint_id FROM webhook_deliveries WHERE id = @id;";
            find.AddParameter("@id", deliveryId);
            endpointId = await find.ExecuteScalarAsync(cancellationToken) as string;
        }

        if (endpointId is not null)
        {
            await using var health = connection.CreateCommand();
            health.Transaction = transaction;
            health.CommandText = result.Succeeded
                ? "UPDATE webhook_endpoints SET last_success_at = @at, consecutive_failures = 0 WHERE id = @id;"
                : """
                  UPDATE webhook_endpoints SET last_failure_at = @at, last_failure = @error, consecutive_failures = consecutive_failures + 1,
                      enabled = CASE WHEN @disable IS NULL THEN enabled ELSE 0 END,
                      disabled_reason = COALESCE(@disable, disabled_reason)
                  WHERE id = @id;
                  """;
            health.AddParameter("@id", endpointId);
            health.AddParameter("@at", result.At.ToDb());
            if (!result.Succeeded)
            {
                health.AddParameter("@error", error);
                health.AddParameter("@disable", result.DisableEndpoint);
            }

            await health.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<WebhookDelivery?> ResendAsync(string deliveryId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using (var update = connection.CreateCommand())
        {
            update.CommandText = "UPDATE webhook_deliveries SET status = 'pending', next_attempt_at = @now WHERE id = @id;";
            update.AddParameter("@id", deliveryId);
            update.AddParameter("@now", time.GetUtcNow().ToDb());
            if (await update.ExecuteNonQueryAsync(cancellationToken) == 0) return null;
        }

        return await GetAsync(connection, deliveryId, cancellationToken);
    }

    private static async Task<WebhookDelivery?> GetAsync(DbConnection connection, string id, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"{Select} WHERE d.id = @id;";
        command.AddParameter("@id", id);
        return (await ReadAsync(command, cancellationToken)).SingleOrDefault();
    }

    private static async Task<IReadOnlyList<WebhookDelivery>> ReadAsync(DbCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var found = new List<WebhookDelivery>();
        while (await reader.ReadAsync(cancellationToken))
        {
            found.Add(new WebhookDelivery(
                reader.GetString(0),
                reader.GetString(1),
                reader.GetString(2),
                reader.GetString(3),
                reader.GetString(4),
                WireNames.Parse<WebhookDeliveryStatus>(reader.GetString(5)),
                reader.GetInt32(6),
                reader.GetTime(7),
                reader.GetNullableTime(8),
                reader.GetNullableTime(9),
                reader.IsDBNull(10) ? null : reader.GetInt32(10),
                reader.GetNullableString(11),
                reader.IsDBNull(12) ? null : reader.GetInt32(12)));
        }

        return found;
    }
}
