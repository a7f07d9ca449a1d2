using System.Data.Common;
using System.Globalization;
using LiveRoom.Contracts.Chat;
using LiveRoom.Contracts.Questions;
using LiveRoom.Contracts.Rooms;
using LiveRoom.Storage.Database;

namespace LiveRoom.Storage.Records;

/// <summary><see cref="IRoomRecords"/> in the LiveRoom database (portable SQL: SQLite and PostgreSQL).</summary>
public sealed class SqlRoomRecords(LiveRoomDatabase database) : IRoomRecords
{
    public async Task UpsertRoomAsync(RoomRecord room, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO rooms (id, title, description, status, created_by, created_at, scheduled_start, ended_at)
            VALUES (@id, @title, @description, @status, @createdBy, @createdAt, @scheduledStart, @endedAt)
            ON CONFLICT (id) DO UPDATE SET
                title = excluded.title, description = excluded.description, status = excluded.status,
                scheduled_start = excluded.scheduled_start, ended_at = excluded.ended_at;
            """;
        command.AddParameter("@id", room.Id);
        command.AddParameter("@title", room.Title);
        command.AddParameter("@description", room.Description);
        command.AddParameter("@status", WireNames.ToName(room.Status));
        command.AddParameter("@createdBy", room.CreatedBy);
        command.AddParameter("@createdAt", room.CreatedAt.ToDb());
        command.AddParameter("@scheduledStart", room.ScheduledStart.ToDb());
        command.AddParameter("@endedAt", room.EndedAt.ToDb());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<RoomRecord>> ListRoomsAsync(int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT id, title, description, status, created_by, created_at, scheduled_start, ended_at
            FROM rooms ORDER BY created_at DESC, id LIMIT @limit;
            """;
        command.AddParameter("@limit", limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rooms = new List<RoomRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rooms.Add(new RoomRecord(
                reader.GetString(0),
                reader.GetString(1),
                reader.GetNullableString(2),
                WireNames.Parse<RoomStatus>(reader.GetString(3)),
                reader.GetString(4),
                reader.GetTime(5),
                reader.GetNullableTime(6),
                reader.GetNullableTime(7)));
        }

        return rooms;
    }

    public async Task<IReadOnlyList<string>> ListOnAirRoomIdsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id FROM rooms WHERE status = @live OR status = @interrupted ORDER BY id;";
        command.AddParameter("@live", WireNames.ToName(RoomStatus.Live));
        command.AddParameter("@interrupted", WireNames.ToName(RoomStatus.Interrupted));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var ids = new List<string>();
        while (await reader.ReadAsync(cancellationToken)) ids.Add(reader.GetString(0));
        return ids;
    }

    public async Task AppendChatAsync(long sequence, ChatMessage message, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO chat_messages (room_id, seq, sender_id, sender_name, sender_role, text, sent_at)
            VALUES (@room, @seq, @senderId, @senderName, @senderRole, @text, @sentAt);
            """;
        command.AddParameter("@room", message.RoomId);
        command.AddParameter("@seq", sequence);
        command.AddParameter("@senderId", message.Sender.Id);
        command.AddParameter("@senderName", message.Sender.DisplayName);
        command.AddParameter("@senderRole", WireNames.ToName(message.Sender.Role));
        command.AddParameter("@text", message.Text);
        command.AddParameter("@sentAt", message.SentAt.ToDb());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<long> GetLastChatSequenceAsync(string roomId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COALESCE(MAX(seq), 0) FROM chat_messages WHERE room_id = @room;";
        command.AddParameter("@room", roomId);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    public Task<IReadOnlyList<ChatMessage>> LoadRecentChatAsync(string roomId, int count, CancellationToken cancellationToken = default) =>
        LoadChatAsync(roomId, """
            SELECT seq, sender_id, sender_name, sender_role, text, sent_at FROM chat_messages
            WHERE room_id = @room AND deleted = 0 ORDER BY seq DESC LIMIT @count;
            """, 0, count, newestFirst: true, cancellationToken);

    public Task<IReadOnlyList<ChatMessage>> LoadChatBySenderAsync(string roomId, string senderId, int count, CancellationToken cancellationToken = default) =>
        LoadChatAsync(roomId, """
            SELECT seq, sender_id, sender_name, sender_role, text, sent_at FROM chat_messages
            WHERE room_id = @room AND deleted = 0 AND sender_id = @sender ORDER BY seq DESC LIMIT @count;
            """, 0, count, newestFirst: true, cancellationToken, senderId);

    public Task<IReadOnlyList<ChatMessage>> LoadChatAfterAsync(string roomId, long afterSequence, int limit, CancellationToken cancellationToken = default) =>
        LoadChatAsync(roomId, """
            SELECT seq, sender_id, sender_name, sender_role, text, sent_at FROM chat_messages
            WHERE room_id = @room AND deleted = 0 AND seq > @after ORDER BY seq LIMIT @count;
            """, afterSequence, limit, newestFirst: false, cancellationToken);

    private async Task<IReadOnlyList<ChatMessage>> LoadChatAsync(string roomId, string sql, long after, int count, bool newestFirst, CancellationToken cancellationToken, string? senderId = null)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.AddParameter("@room", roomId);
        if (senderId is not null) command.AddParameter("@sender", senderId);
        command.AddParameter("@after", after);
        command.AddParameter("@count", count);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var messages = new List<ChatMessage>();
        while (await reader.ReadAsync(cancellationToken))
        {
            messages.Add(new ChatMessage(
                reader.GetInt64(0).ToString(CultureInfo.InvariantCulture),
                roomId,
                new Sender(reader.GetString(1), reader.GetString(2), WireNames.Role(reader.GetString(3))),
                reader.GetString(4),
                reader.GetTime(5)));
        }

        if (newestFirst) messages.Reverse();
        return messages;
    }

    public async Task<bool> MarkChatDeletedAsync(string roomId, long sequence, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE chat_messages SET deleted = 1 WHERE room_id = @room AND seq = @seq;";
        command.AddParameter("@room", roomId);
        command.AddParameter("@seq", sequence);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task SaveQuestionAsync(long sequence, Question question, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO questions (room_id, seq, asked_by_id, asked_by_name, text, votes, status, pinned, answer,
                                   answered_by_id, answered_by_name, answered_by_role, asked_at)
            VALUES (@room, @seq, @askedById, @askedByName, @text, 0, @status, @pinned, @answer,
                    @answeredById, @answeredByName, @answeredByRole, @askedAt)
            ON CONFLICT (room_id, seq) DO UPDATE SET
                text = excluded.text, status = excluded.status, pinned = excluded.pinned, answer = excluded.answer,
                answered_by_id = excluded.answered_by_id, answered_by_name = excluded.answered_by_name,
                answered_by_role = excluded.answered_by_role;
            """;
        command.AddParameter("@room", question.RoomId);
        command.AddParameter("@seq", sequence);
        command.AddParameter("@askedById", question.AskedBy.Id);
        command.AddParameter("@askedByName", question.AskedBy.DisplayName);
        command.AddParameter("@text", question.Text);
        command.AddParameter("@status", WireNames.ToName(question.Status));
        command.AddParameter("@pinned", question.Pinned ? 1 : 0);
        command.AddParameter("@answer", question.Answer);
        command.AddParameter("@answeredById", question.AnsweredBy?.Id);
        command.AddParameter("@answeredByName", question.AnsweredBy?.DisplayName);
        command.AddParameter("@answeredByRole", question.AnsweredBy is { } by ? WireNames.ToName(by.Role) : null);
        command.AddParameter("@askedAt", question.AskedAt.ToDb());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<bool> AddVoteAsync(string roomId, long questionSequence, string voterId, DateTimeOffset votedAt, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var insert = connection.CreateCommand())
        {
            insert.Transaction = transaction;
            insert.CommandText = """
                INSERT INTO question_votes (room_id, question_seq, voter_id, voted_at) VALUES (@room, @seq, @voter, @at)
                ON CONFLICT (room_id, question_seq, voter_id) DO NOTHING;
                """;
            insert.AddParameter("@room", roomId);
            insert.AddParameter("@seq", questionSequence);
            insert.AddParameter("@voter", voterId);
            insert.AddParameter("@at", votedAt.ToDb());
            if (await insert.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                return false;
            }
        }

        await using (var count = connection.CreateCommand())
        {
            count.Transaction = transaction;
            count.CommandText = "UPDATE questions SET votes = votes + 1 WHERE room_id = @room AND seq = @seq;";
            count.AddParameter("@room", roomId);
            count.AddParameter("@seq", questionSequence);
            if (await count.ExecuteNonQueryAsync(cancellationToken) != 1)
            {
                await transaction.RollbackAsync(cancellationToken);
                return false;
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public async Task<IReadOnlyList<StoredQuestion>> LoadQuestionsAsync(string roomId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var voters = await LoadVotersAsync(connection, roomId, cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT seq, asked_by_id, asked_by_name, text, votes, status, pinned, answer,
                   answered_by_id, answered_by_name, answered_by_role, asked_at
            FROM questions WHERE room_id = @room ORDER BY seq;
            """;
        command.AddParameter("@room", roomId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var questions = new List<StoredQuestion>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var seq = reader.GetInt64(0);
            var answeredBy = reader.IsDBNull(8)
                ? null
                : new Sender(reader.GetString(8), reader.GetString(9), WireNames.Role(reader.GetString(10)));
            var question = new Question(
                seq.ToString(CultureInfo.InvariantCulture),
                roomId,
                new QuestionAuthor(reader.GetString(1), reader.GetString(2)),
                reader.GetString(3),
                reader.GetInt32(4),
                WireNames.Parse<QuestionStatus>(reader.GetString(5)),
                reader.GetInt32(6) != 0,
                reader.GetNullableString(7),
                reader.GetTime(11),
                answeredBy);
            questions.Add(new StoredQuestion(seq, question, voters.TryGetValue(seq, out var set) ? set : []));
        }

        return questions;
    }

    private static async Task<Dictionary<long, List<string>>> LoadVotersAsync(DbConnection connection, string roomId, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT question_seq, voter_id FROM question_votes WHERE room_id = @room;";
        command.AddParameter("@room", roomId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var voters = new Dictionary<long, List<string>>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var seq = reader.GetInt64(0);
            if (!voters.TryGetValue(seq, out var list)) voters[seq] = list = [];
            list.Add(reader.GetString(1));
        }

        return voters;
    }
}
