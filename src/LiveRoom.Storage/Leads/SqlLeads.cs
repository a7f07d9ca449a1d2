using System.Data.Common;
using System.Text.Json;
using System.Text.Json.Serialization;
using LiveRoom.Contracts.Leads;
using LiveRoom.Storage.Database;
using LiveRoom.Storage.Records;

namespace LiveRoom.Storage.Leads;

/// <summary><see cref="ILeads"/> in the LiveRoom database (portable SQL: SQLite and PostgreSQL).</summary>
public sealed class SqlLeads(LiveRoomDatabase database) : ILeads
{
    private const string Columns =
        "id, room_id, viewer_id, name, phone, email, company, note, consent_version, consent_locale, consent_text, consented_at, " +
        "marketing_version, marketing_locale, marketing_text, marketing_at, source, created_at, updated_at, contacted_at, contacted_by";

    private static readonly JsonSerializerOptions FormJson = new(JsonSerializerDefaults.General) { Converters = { new JsonStringEnumConverter() } };

    public async Task<LeadForm?> GetFormAsync(string roomId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT form FROM lead_forms WHERE room_id = @roomId;";
        command.AddParameter("@roomId", roomId);
        return await command.ExecuteScalarAsync(cancellationToken) is string json ? JsonSerializer.Deserialize<LeadForm>(json, FormJson) : null;
    }

    public async Task SaveFormAsync(LeadForm form, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO lead_forms (room_id, form, consent_version, updated_at) VALUES (@roomId, @form, @version, @updatedAt)
            ON CONFLICT (room_id) DO UPDATE SET form = excluded.form, consent_version = excluded.consent_version, updated_at = excluded.updated_at;
            """;
        command.AddParameter("@roomId", form.RoomId);
        command.AddParameter("@form", JsonSerializer.Serialize(form, FormJson));
        command.AddParameter("@version", form.ConsentVersion);
        command.AddParameter("@updatedAt", (form.UpdatedAt ?? DateTimeOffset.UnixEpoch).ToDb());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<LeadSaved> UpsertAsync(Lead lead, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        string? existing;
        await using (var find = connection.CreateCommand())
        {
            find.Transaction = transaction;
            find.CommandText = "SELECT id FROM leads WHERE room_id = @roomId AND viewer_id = @viewerId;";
            find.AddParameter("@roomId", lead.RoomId);
            find.AddParameter("@viewerId", lead.ViewerId);
            existing = await find.ExecuteScalarAsync(cancellationToken) as string;
        }

        // One statement either way: two submissions racing for the same viewer meet on the unique key and the
        // second updates what the first inserted. A null field keeps what is stored.
        await using (var write = connection.CreateCommand())
        {
            write.Transaction = transaction;
            write.CommandText = $"""
                INSERT INTO leads ({Columns}) VALUES (@id, @roomId, @viewerId, @name, @phone, @email, @company, @note,
                    @consentVersion, @consentLocale, @consentText, @consentedAt, @marketingVersion, @marketingLocale, @marketingText, @marketingAt,
                    @source, @at, @at, NULL, NULL)
                ON CONFLICT (room_id, viewer_id) DO UPDATE SET
                    name = COALESCE(excluded.name, leads.name),
                    phone = COALESCE(excluded.phone, leads.phone),
                    email = COALESCE(excluded.email, leads.email),
                    company = COALESCE(excluded.company, leads.company),
                    note = COALESCE(excluded.note, leads.note),
                    consent_version = excluded.consent_version,
                    consent_locale = excluded.consent_locale,
                    consent_text = excluded.consent_text,
                    consented_at = excluded.consented_at,
                    marketing_version = excluded.marketing_version,
                    marketing_locale = excluded.marketing_locale,
                    marketing_text = excluded.marketing_text,
                    marketing_at = excluded.marketing_at,
                    updated_at = excluded.updated_at;
                """;
            write.AddParameter("@id", lead.Id);
            write.AddParameter("@roomId", lead.RoomId);
            write.AddParameter("@viewerId", lead.ViewerId);
            write.AddParameter("@name", lead.Name);
            write.AddParameter("@phone", lead.Phone);
            write.AddParameter("@email", lead.Email);
            write.AddParameter("@company", lead.Company);
            write.AddParameter("@note", lead.Note);
            write.AddParameter("@consentVersion", lead.Consent.Version);
            write.AddParameter("@consentLocale", lead.Consent.Locale);
            write.AddParameter("@consentText", lead.Consent.Text);
            write.AddParameter("@consentedAt", lead.Consent.At.ToDb());
            write.AddParameter("@marketingVersion", lead.MarketingConsent?.Version);
            write.AddParameter("@marketingLocale", lead.MarketingConsent?.Locale);
            write.AddParameter("@marketingText", lead.MarketingConsent?.Text);
            write.AddParameter("@marketingAt", lead.MarketingConsent?.At.ToDb());
            write.AddParameter("@source", WireNames.ToName(lead.Source));
            write.AddParameter("@at", lead.UpdatedAt.ToDb());
            await write.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        var stored = await QueryAsync(connection, $"SELECT {Columns} FROM leads WHERE room_id = @roomId AND viewer_id = @viewerId;", cancellationToken, ("@roomId", lead.RoomId), ("@viewerId", lead.ViewerId));
        return new LeadSaved(stored[0], existing is null && stored[0].Id == lead.Id);
    }

    public async Task<Lead?> GetAsync(string roomId, string viewerId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var found = await QueryAsync(connection, $"SELECT {Columns} FROM leads WHERE room_id = @roomId AND viewer_id = @viewerId;", cancellationToken, ("@roomId", roomId), ("@viewerId", viewerId));
        return found.Count == 0 ? null : found[0];
    }

    public async Task<IReadOnlyList<Lead>> ListAsync(string roomId, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await QueryAsync(
            connection,
            $"SELECT {Columns} FROM leads WHERE room_id = @roomId ORDER BY updated_at DESC, id LIMIT @limit;",
            cancellationToken,
            ("@roomId", roomId),
            ("@limit", Math.Clamp(limit, 1, 100_000)));
    }

    public async Task<Lead?> SetContactedAsync(string id, string? contactedBy, DateTimeOffset? at, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "UPDATE leads SET contacted_at = @at, contacted_by = @by WHERE id = @id;";
            command.AddParameter("@at", at.ToDb());
            command.AddParameter("@by", contactedBy);
            command.AddParameter("@id", id);
            if (await command.ExecuteNonQueryAsync(cancellationToken) == 0) return null;
        }

        var found = await QueryAsync(connection, $"SELECT {Columns} FROM leads WHERE id = @id;", cancellationToken, ("@id", id));
        return found[0];
    }

    private static async Task<IReadOnlyList<Lead>> QueryAsync(DbConnection connection, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters) command.AddParameter(name, value);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var found = new List<Lead>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var marketing = reader.IsDBNull(12)
                ? null
                : new LeadConsent(Convert.ToInt32(reader.GetValue(12), System.Globalization.CultureInfo.InvariantCulture), reader.GetString(13), reader.GetString(14), reader.GetTime(15));
            found.Add(new Lead(
                reader.GetString(0),
                reader.GetString(1),
                reader.GetString(2),
                reader.GetNullableString(3),
                reader.GetNullableString(4),
                reader.GetNullableString(5),
                reader.GetNullableString(6),
                reader.GetNullableString(7),
                new LeadConsent(Convert.ToInt32(reader.GetValue(8), System.Globalization.CultureInfo.InvariantCulture), reader.GetString(9), reader.GetString(10), reader.GetTime(11)),
                marketing,
                WireNames.Parse<LeadSource>(reader.GetString(16)),
                reader.GetTime(17),
                reader.GetTime(18),
                reader.GetNullableTime(19),
                reader.GetNullableString(20)));
        }

        return found;
    }
}
