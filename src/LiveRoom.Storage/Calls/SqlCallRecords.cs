using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using LiveRoom.Contracts.Calls;
using LiveRoom.Storage.Database;
using LiveRoom.Storage.Records;

namespace LiveRoom.Storage.Calls;

/// <summary><see cref="ICallRecords"/> in the LiveRoom database (portable SQL: SQLite and PostgreSQL).</summary>
public sealed class SqlCallRecords(LiveRoomDatabase database) : ICallRecords
{
    private const string Columns = "c.id, c.room_id, c.ticket_id, c.topic, c.requested_at, c.started_at, c.ended_at, c.outcome, c.rating, c.rating_comment, c.note, "
        + "c.recording_status, c.recording_progress, c.recording_url, c.recording_duration, c.recording_missing";

    public async Task SaveCallAsync(CallRecord call, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = """
                INSERT INTO calls (id, room_id, ticket_id, topic, requested_at, started_at, ended_at, outcome)
                VALUES (@id, @roomId, @ticketId, @topic, @requestedAt, @startedAt, @endedAt, @outcome)
                ON CONFLICT (id) DO UPDATE SET ended_at = excluded.ended_at, outcome = excluded.outcome;
                """;
            command.AddParameter("@id", call.CallId);
            command.AddParameter("@roomId", call.RoomId);
            command.AddParameter("@ticketId", call.TicketId);
            command.AddParameter("@topic", call.Topic);
            command.AddParameter("@requestedAt", call.RequestedAt.ToDb());
            command.AddParameter("@startedAt", call.StartedAt.ToDb());
            command.AddParameter("@endedAt", call.EndedAt.ToDb());
            command.AddParameter("@outcome", call.Outcome);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        for (var i = 0; i < call.Participants.Count; i++)
        {
            var participant = call.Participants[i];
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = """
                INSERT INTO call_participants (call_id, person_id, display_name, role, position)
                VALUES (@callId, @personId, @displayName, @role, @position)
                ON CONFLICT (call_id, person_id) DO NOTHING;
                """;
            command.AddParameter("@callId", call.CallId);
            command.AddParameter("@personId", participant.Id);
            command.AddParameter("@displayName", participant.DisplayName);
            command.AddParameter("@role", WireNames.ToName(participant.Role));
            command.AddParameter("@position", i);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public Task SetRatingAsync(string callId, int rating, string? comment, CancellationToken cancellationToken = default) =>
        UpdateAsync("UPDATE calls SET rating = @rating, rating_comment = @comment WHERE id = @id;", callId, cancellationToken, ("@rating", rating), ("@comment", comment));

    public Task SetNoteAsync(string callId, string? note, CancellationToken cancellationToken = default) =>
        UpdateAsync("UPDATE calls SET note = @note WHERE id = @id;", callId, cancellationToken, ("@note", note));

    public Task SetRecordingAsync(string callId, CallRecordingInfo? recording, CancellationToken cancellationToken = default) =>
        UpdateAsync(
            """
            UPDATE calls SET recording_status = @status, recording_progress = @progress, recording_url = @url,
                recording_duration = @duration, recording_missing = @missing
            WHERE id = @id;
            """,
            callId,
            cancellationToken,
            ("@status", recording is null ? null : WireNames.ToName(recording.Status)),
            ("@progress", recording?.Progress),
            ("@url", recording?.Url),
            ("@duration", recording?.DurationSeconds),
            ("@missing", recording is null ? null : JsonSerializer.Serialize(recording.MissingChunks.Select(m => new[] { m.Take, m.Seq }))));

    public Task SetRecordingProgressAsync(string callId, double progress, CancellationToken cancellationToken = default) =>
        UpdateAsync(
            "UPDATE calls SET recording_progress = @progress WHERE id = @id AND recording_status = 'processing' AND (recording_progress IS NULL OR recording_progress < @progress);",
            callId,
            cancellationToken,
            ("@progress", Math.Clamp(progress, 0, 1)));

    public async Task SaveConsentAsync(string callId, RecordingConsent consent, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO call_consents (call_id, seq, participant_id, agreed, text, answered_at)
            VALUES (@callId, (SELECT COALESCE(MAX(seq), 0) + 1 FROM call_consents WHERE call_id = @callId), @participantId, @agreed, @text, @at);
            """;
        command.AddParameter("@callId", callId);
        command.AddParameter("@participantId", consent.ParticipantId);
        command.AddParameter("@agreed", consent.Agreed ? 1 : 0);
        command.AddParameter("@text", consent.Text);
        command.AddParameter("@at", consent.At.ToDb());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<RecordingConsent>> LoadConsentsAsync(string callId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT participant_id, agreed, answered_at, text FROM call_consents WHERE call_id = @callId ORDER BY seq;";
        command.AddParameter("@callId", callId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var consents = new List<RecordingConsent>();
        while (await reader.ReadAsync(cancellationToken))
        {
            consents.Add(new RecordingConsent(reader.GetString(0), Convert.ToInt32(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture) == 1, reader.GetTime(2), reader.GetString(3)));
        }

        return consents;
    }

    public async Task<CallRecord?> GetCallAsync(string callId, CancellationToken cancellationToken = default)
    {
        var calls = await QueryAsync($"SELECT {Columns} FROM calls c WHERE c.id = @id;", cancellationToken, ("@id", callId));
        return calls.Count == 0 ? null : calls[0];
    }

    public Task<IReadOnlyList<CallRecord>> ListCallsAsync(CallQuery query, CancellationToken cancellationToken = default) =>
        QueryAsync(
            $"""
            SELECT {Columns} FROM calls c
            WHERE (@roomId IS NULL OR c.room_id = @roomId)
              AND (@personId IS NULL OR EXISTS (SELECT 1 FROM call_participants p WHERE p.call_id = c.id AND p.person_id = @personId))
            ORDER BY c.started_at DESC, c.id
            LIMIT @limit;
            """,
            cancellationToken,
            ("@roomId", query.RoomId),
            ("@personId", query.ParticipantId),
            ("@limit", Math.Clamp(query.Limit, 1, 500)));

    private async Task UpdateAsync(string sql, string callId, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.AddParameter("@id", callId);
        foreach (var (name, value) in parameters) command.AddParameter(name, value);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<IReadOnlyList<CallRecord>> QueryAsync(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var calls = new List<CallRecord>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = sql;
            foreach (var (name, value) in parameters) command.AddParameter(name, value);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken)) calls.Add(Read(reader));
        }

        for (var i = 0; i < calls.Count; i++)
        {
            calls[i] = calls[i] with { Participants = await ParticipantsAsync(connection, calls[i].CallId, cancellationToken) };
        }

        return calls;
    }

    private static async Task<IReadOnlyList<CallParticipant>> ParticipantsAsync(DbConnection connection, string callId, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT person_id, display_name, role FROM call_participants WHERE call_id = @callId ORDER BY position;";
        command.AddParameter("@callId", callId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var participants = new List<CallParticipant>();
        while (await reader.ReadAsync(cancellationToken))
        {
            participants.Add(new CallParticipant(reader.GetString(0), reader.GetString(1), WireNames.Parse<CallRole>(reader.GetString(2))));
        }

        return participants;
    }

    private static CallRecord Read(DbDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        reader.GetString(2),
        reader.GetNullableString(3),
        [],
        reader.GetTime(4),
        reader.GetTime(5),
        reader.GetNullableTime(6),
        reader.GetNullableString(7),
        reader.IsDBNull(8) ? null : Convert.ToInt32(reader.GetValue(8), System.Globalization.CultureInfo.InvariantCulture),
        reader.GetNullableString(9),
        reader.GetNullableString(10),
        ReadRecording(reader));

    /// <summary>The recording columns (11–15); the gaps are kept as JSON pairs <c>[[take, seq], …]</c>.</summary>
    private static CallRecordingInfo? ReadRecording(DbDataReader reader)
    {
        if (reader.IsDBNull(11)) return null;
        var missing = reader.IsDBNull(15) ? [] : JsonSerializer.Deserialize<int[][]>(reader.GetString(15)) ?? [];
        return new CallRecordingInfo(
            WireNames.Parse<CallRecordingFileStatus>(reader.GetString(11)),
            reader.IsDBNull(12) ? 0 : Convert.ToDouble(reader.GetValue(12), CultureInfo.InvariantCulture),
            reader.GetNullableString(13),
            reader.IsDBNull(14) ? null : Convert.ToDouble(reader.GetValue(14), CultureInfo.InvariantCulture),
            [.. missing.Select(pair => new MissingChunk(pair[0], pair[1]))]);
    }
}
