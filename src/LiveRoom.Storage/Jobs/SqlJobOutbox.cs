using System.Data.Common;
using System.Globalization;
using LiveRoom.Contracts.Jobs;
using LiveRoom.Storage.Database;

namespace LiveRoom.Storage.Jobs;

public sealed class SqlJobOutbox(LiveRoomDatabase database, TimeProvider time) : IJobOutbox
{
    private const string Columns = "id, kind, subject, status, attempts, progress, last_error, created_at";

    public async Task<OutboxEntry> AddAsync(string kind, string subject, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using (var insert = connection.CreateCommand())
        {
            insert.CommandText = """
                INSERT INTO job_outbox (id, kind, subject, status, created_at, updated_at)
                VALUES (@id, @kind, @subject, 'pending', @now, @now)
                ON CONFLICT (kind, subject) DO NOTHING;
                """;
            insert.AddParameter("@id", "job_" + Guid.NewGuid().ToString("N"));
            insert.AddParameter("@kind", kind);
            insert.AddParameter("@subject", subject);
            insert.AddParameter("@now", time.GetUtcNow().ToDb());
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var select = connection.CreateCommand();
        select.CommandText = $"SELECT {Columns} FROM job_outbox WHERE kind = @kind AND subject = @subject;";
        select.AddParameter("@kind", kind);
        select.AddParameter("@subject", subject);
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return Read(reader);
    }

    public async Task<OutboxEntry?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM job_outbox WHERE id = @id;";
        command.AddParameter("@id", id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    public async Task<IReadOnlyList<OutboxEntry>> PendingAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM job_outbox WHERE status = 'pending' ORDER BY created_at;";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var entries = new List<OutboxEntry>();
        while (await reader.ReadAsync(cancellationToken)) entries.Add(Read(reader));
        return entries;
    }

    public Task SetProgressAsync(string id, double progress, CancellationToken cancellationToken = default) =>
        UpdateAsync("progress = @value", id, Math.Clamp(progress, 0, 1), cancellationToken);

    public Task RecordFailureAsync(string id, string error, bool final, CancellationToken cancellationToken = default) =>
        UpdateAsync($"attempts = attempts + 1, last_error = @value{(final ? ", status = 'failed'" : string.Empty)}", id, error.Length > 4000 ? error[..4000] : error, cancellationToken);

    public Task MarkDoneAsync(string id, CancellationToken cancellationToken = default) =>
        UpdateAsync("status = 'done', progress = 1, last_error = NULL, attempts = attempts + @value", id, 1, cancellationToken);

    private async Task UpdateAsync(string set, string id, object value, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"UPDATE job_outbox SET {set}, updated_at = @now WHERE id = @id;";
        command.AddParameter("@id", id);
        command.AddParameter("@value", value);
        command.AddParameter("@now", time.GetUtcNow().ToDb());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static OutboxEntry Read(DbDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        reader.GetString(2),
        Enum.Parse<OutboxStatus>(reader.GetString(3), ignoreCase: true),
        reader.GetInt32(4),
        Convert.ToDouble(reader.GetValue(5), CultureInfo.InvariantCulture),
        reader.GetNullableString(6),
        reader.GetTime(7));
}
