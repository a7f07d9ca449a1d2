using System.Data.Common;
using LiveRoom.Contracts.Webhooks;
using LiveRoom.Storage.Database;
using Microsoft.Extensions.Logging;

namespace LiveRoom.Storage.Webhooks;

/// <summary>
/// <see cref="IWebhookEvents"/> in the LiveRoom database: in one transaction, the event and a pending delivery
/// for each enabled endpoint subscribed to its type (nothing at all when none is). Never throws.
/// </summary>
public sealed partial class SqlWebhookEvents(LiveRoomDatabase database, TimeProvider time, ILogger<SqlWebhookEvents> logger) : IWebhookEvents
{
    public async Task PublishAsync(string type, object data, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(type);
        ArgumentNullException.ThrowIfNull(data);
        try
        {
            var now = time.GetUtcNow();
            await using var connection = await database.OpenAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            var endpoints = await SubscribersAsync(connection, transaction, type, cancellationToken);
            if (endpoints.Count == 0) return;
            var eventId = WebhookBodies.NewEventId();
            await WriteEventAsync(connection, transaction, eventId, type, WebhookBodies.Write(type, now, data), now, endpoints, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            Log.Published(logger, type, eventId, endpoints.Count);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The user's action has happened; only its notification is lost.
            Log.PublishFailed(logger, ex, type);
        }
    }

    internal static async Task WriteEventAsync(
        DbConnection connection, DbTransaction transaction, string eventId, string type, string body, DateTimeOffset now, IReadOnlyList<string> endpoints, CancellationToken cancellationToken)
    {
        await using (var insert = connection.CreateCommand())
        {
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO webhook_events (id, type, body, created_at) VALUES (@id, @type, @body, @at);";
            insert.AddParameter("@id", eventId);
            insert.AddParameter("@type", type);
            insert.AddParameter("@body", body);
            insert.AddParameter("@at", now.ToDb());
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        foreach (var endpointId in endpoints)
        {
            await using var delivery = connection.CreateCommand();
            delivery.Transaction = transaction;
            delivery.CommandText = """
                INSERT INTO webhook_deliveries (id, event_id, endpoint_id, status, attempts, created_at, next_attempt_at)
                VALUES (@id, @eventId, @endpointId, 'pending', 0, @at, @at);
                """;
            delivery.AddParameter("@id", WebhookBodies.NewDeliveryId());
            delivery.AddParameter("@eventId", eventId);
            delivery.AddParameter("@endpointId", endpointId);
            delivery.AddParameter("@at", now.ToDb());
            await delivery.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static async Task<IReadOnlyList<string>> SubscribersAsync(DbConnection connection, DbTransaction transaction, string type, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            SELECT e.id FROM webhook_endpoints e
            JOIN webhook_subscriptions s ON s.endpoint_id = e.id
            WHERE s.event_type = @type AND e.enabled = 1;
            """;
        command.AddParameter("@type", type);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var ids = new List<string>();
        while (await reader.ReadAsync(cancellationToken)) ids.Add(reader.GetString(0));
        return ids;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 9501, Level = LogLevel.Debug, Message = "Webhook event {EventId} ({Type}) written for {Endpoints} endpoint(s)")]
        public static partial void Published(ILogger logger, string type, string eventId, int endpoints);

        [LoggerMessage(EventId = 9502, Level = LogLevel.Error, Message = "A {Type} webhook event could not be written and is lost")]
        public static partial void PublishFailed(ILogger logger, Exception exception, string type);
    }
}
