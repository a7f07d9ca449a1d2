using System.Data.Common;
using LiveRoom.Contracts.Calls;
using LiveRoom.Storage.Database;
using LiveRoom.Storage.Records;

namespace LiveRoom.Storage.Calls;

/// <summary><see cref="ICallBacks"/> in the LiveRoom database (portable SQL: SQLite and PostgreSQL).</summary>
public sealed class SqlCallBacks(LiveRoomDatabase database) : ICallBacks
{
    private const string Columns = "id, room_id, viewer_id, name, phone, email, preferred_time, topic, status, created_at, done_at, done_by, note";

    public async Task<CallBack> SaveOpenAsync(CallBack callBack, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        string? existing;
        await using (var find = connection.CreateCommand())
        {
            find.Transaction = transaction;
            find.CommandText = "SELECT id FROM call_backs WHERE room_id = @roomId AND viewer_id = @viewerId AND status = @open;";
            find.AddParameter("@roomId", callBack.RoomId);
            find.AddParameter("@viewerId", callBack.ViewerId);
            find.AddParameter("@open", WireNames.ToName(CallBackStatus.Open));
            existing = await find.ExecuteScalarAsync(cancellationToken) as string;
        }

        await using (var write = connection.CreateCommand())
        {
            write.Transaction = transaction;
            write.CommandText = existing is null
                ? $"INSERT INTO call_backs ({Columns}) VALUES (@id, @roomId, @viewerId, @name, @phone, @email, @preferredTime, @topic, @status, @createdAt, NULL, NULL, NULL);"
                : "UPDATE call_backs SET name = @name, phone = @phone, email = @email, preferred_time = @preferredTime, topic = @topic WHERE id = @id;";
            write.AddParameter("@id", existing ?? callBack.Id);
            write.AddParameter("@roomId", callBack.RoomId);
            write.AddParameter("@viewerId", callBack.ViewerId);
            write.AddParameter("@name", callBack.Name);
            write.AddParameter("@phone", callBack.Phone);
            write.AddParameter("@email", callBack.Email);
            write.AddParameter("@preferredTime", callBack.PreferredTime);
            write.AddParameter("@topic", callBack.Topic);
            write.AddParameter("@status", WireNames.ToName(CallBackStatus.Open));
            write.AddParameter("@createdAt", callBack.CreatedAt.ToDb());
            await write.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return (await QueryAsync(connection, $"SELECT {Columns} FROM call_backs WHERE id = @id;", cancellationToken, ("@id", existing ?? callBack.Id)))[0];
    }

    public async Task<IReadOnlyList<CallBack>> ListAsync(string? roomId, CallBackStatus? status, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await QueryAsync(
            connection,
            $"""
            SELECT {Columns} FROM call_backs
            WHERE (@roomId IS NULL OR room_id = @roomId) AND (@status IS NULL OR status = @status)
            ORDER BY created_at DESC, id LIMIT @limit;
            """,
            cancellationToken,
            ("@roomId", roomId),
            ("@status", status is { } s ? WireNames.ToName(s) : null),
            ("@limit", Math.Clamp(limit, 1, 500)));
    }

    public async Task<CallBack?> MarkDoneAsync(string id, string doneBy, string? note, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "UPDATE call_backs SET status = @done, done_at = @at, done_by = @by, note = @note WHERE id = @id;";
            command.AddParameter("@done", WireNames.ToName(CallBackStatus.Done));
            command.AddParameter("@at", at.ToDb());
            command.AddParameter("@by", doneBy);
            command.AddParameter("@note", note);
            command.AddParameter("@id", id);
            if (await command.ExecuteNonQueryAsync(cancellationToken) == 0) return null;
        }

        return (await QueryAsync(connection, $"SELECT {Columns} FROM call_backs WHERE id = @id;", cancellationToken, ("@id", id)))[0];
    }

    private static async Task<IReadOnlyList<CallBack>> QueryAsync(DbConnection connection, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters) command.AddParameter(name, value);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var found = new List<CallBack>();
        while (await reader.ReadAsync(cancellationToken))
        {
            found.Add(new CallBack(
                reader.GetString(0),
                reader.GetString(1),
                reader.GetString(2),
                reader.GetString(3),
                reader.GetNullableString(4),
                reader.GetNullableString(5),
                reader.GetNullableString(6),
                reader.GetNullableString(7),
                WireNames.Parse<CallBackStatus>(reader.GetString(8)),
                reader.GetTime(9),
                reader.GetNullableTime(10),
                reader.GetNullableString(11),
                reader.GetNullableString(12)));
        }

        return found;
    }
}
