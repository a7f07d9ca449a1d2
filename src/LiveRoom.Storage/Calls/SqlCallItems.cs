using System.Data.Common;
using System.Globalization;
using LiveRoom.Contracts.Calls;
using LiveRoom.Storage.Database;
using LiveRoom.Storage.Records;

namespace LiveRoom.Storage.Calls;

/// <summary><see cref="ICallItems"/> in the LiveRoom database (portable SQL: SQLite and PostgreSQL).</summary>
public sealed class SqlCallItems(LiveRoomDatabase database) : ICallItems
{
    private const string FileColumns = "id, call_id, kind, name, content_type, size, uploader_id, uploader_name, uploader_role, uploaded_at";

    public async Task SaveMessageAsync(CallMessage message, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        // A call's writes all come through its one grain, so the next seq cannot be taken twice.
        command.CommandText = """
            INSERT INTO call_messages (id, call_id, seq, sender_id, sender_name, sender_role, text, sent_at)
            VALUES (@id, @callId, (SELECT COALESCE(MAX(seq), 0) + 1 FROM call_messages WHERE call_id = @callId), @senderId, @senderName, @senderRole, @text, @sentAt);
            """;
        command.AddParameter("@id", message.Id);
        command.AddParameter("@callId", message.CallId);
        command.AddParameter("@senderId", message.From.Id);
        command.AddParameter("@senderName", message.From.DisplayName);
        command.AddParameter("@senderRole", WireNames.ToName(message.From.Role));
        command.AddParameter("@text", message.Text);
        command.AddParameter("@sentAt", message.SentAt.ToDb());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task SaveFileAsync(CallFile file, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO call_files (id, call_id, seq, kind, name, content_type, size, uploader_id, uploader_name, uploader_role, uploaded_at)
            VALUES (@id, @callId, (SELECT COALESCE(MAX(seq), 0) + 1 FROM call_files WHERE call_id = @callId), @kind, @name, @contentType, @size, @uploaderId, @uploaderName, @uploaderRole, @uploadedAt);
            """;
        command.AddParameter("@id", file.Id);
        command.AddParameter("@callId", file.CallId);
        command.AddParameter("@kind", WireNames.ToName(file.Kind));
        command.AddParameter("@name", file.Name);
        command.AddParameter("@contentType", file.ContentType);
        command.AddParameter("@size", file.Size);
        command.AddParameter("@uploaderId", file.UploadedBy.Id);
        command.AddParameter("@uploaderName", file.UploadedBy.DisplayName);
        command.AddParameter("@uploaderRole", WireNames.ToName(file.UploadedBy.Role));
        command.AddParameter("@uploadedAt", file.UploadedAt.ToDb());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<CallItemList> ListAsync(string callId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var messages = new List<CallMessage>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT id, call_id, sender_id, sender_name, sender_role, text, sent_at FROM call_messages WHERE call_id = @callId ORDER BY seq;";
            command.AddParameter("@callId", callId);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var from = new CallParticipant(reader.GetString(2), reader.GetString(3), WireNames.Parse<CallRole>(reader.GetString(4)));
                messages.Add(new CallMessage(reader.GetString(0), reader.GetString(1), from, reader.GetString(5), reader.GetTime(6)));
            }
        }

        var files = await QueryFilesAsync(connection, $"SELECT {FileColumns} FROM call_files WHERE call_id = @callId ORDER BY seq;", callId, null, cancellationToken);
        return new CallItemList(messages, files);
    }

    public async Task<CallFile?> GetFileAsync(string callId, string fileId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var files = await QueryFilesAsync(connection, $"SELECT {FileColumns} FROM call_files WHERE call_id = @callId AND id = @id;", callId, fileId, cancellationToken);
        return files.Count == 0 ? null : files[0];
    }

    private static async Task<List<CallFile>> QueryFilesAsync(DbConnection connection, string sql, string callId, string? fileId, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.AddParameter("@callId", callId);
        if (fileId is not null) command.AddParameter("@id", fileId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var files = new List<CallFile>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var uploader = new CallParticipant(reader.GetString(6), reader.GetString(7), WireNames.Parse<CallRole>(reader.GetString(8)));
            files.Add(new CallFile(
                reader.GetString(0),
                reader.GetString(1),
                WireNames.Parse<CallFileKind>(reader.GetString(2)),
                reader.GetString(3),
                reader.GetString(4),
                Convert.ToInt64(reader.GetValue(5), CultureInfo.InvariantCulture),
                uploader,
                reader.GetTime(9)));
        }

        return files;
    }
}
