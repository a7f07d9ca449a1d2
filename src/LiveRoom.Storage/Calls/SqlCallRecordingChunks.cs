using System.Data.Common;
using LiveRoom.Contracts.Calls;
using LiveRoom.Storage.Database;

namespace LiveRoom.Storage.Calls;

/// <summary><see cref="ICallRecordingChunks"/> in the LiveRoom database.</summary>
public sealed class SqlCallRecordingChunks(LiveRoomDatabase database) : ICallRecordingChunks
{
    private const string Columns = "call_id, take, seq, sha256, size";

    public async Task<RecordingChunk?> GetAsync(string callId, int take, int seq, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await GetAsync(connection, callId, take, seq, cancellationToken);
    }

    public async Task<RecordingChunk> AddAsync(RecordingChunk chunk, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using (var insert = connection.CreateCommand())
        {
            insert.CommandText = """
                INSERT INTO call_recording_chunks (call_id, take, seq, sha256, size)
                VALUES (@callId, @take, @seq, @sha256, @size)
                ON CONFLICT (call_id, take, seq) DO NOTHING;
                """;
            insert.AddParameter("@callId", chunk.CallId);
            insert.AddParameter("@take", chunk.Take);
            insert.AddParameter("@seq", chunk.Seq);
            insert.AddParameter("@sha256", chunk.Sha256);
            insert.AddParameter("@size", chunk.Size);
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        return (await GetAsync(connection, chunk.CallId, chunk.Take, chunk.Seq, cancellationToken))!;
    }

    public async Task<IReadOnlyList<RecordingChunk>> ListAsync(string callId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM call_recording_chunks WHERE call_id = @callId ORDER BY take, seq;";
        command.AddParameter("@callId", callId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var chunks = new List<RecordingChunk>();
        while (await reader.ReadAsync(cancellationToken)) chunks.Add(Read(reader));
        return chunks;
    }

    private static async Task<RecordingChunk?> GetAsync(DbConnection connection, string callId, int take, int seq, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM call_recording_chunks WHERE call_id = @callId AND take = @take AND seq = @seq;";
        command.AddParameter("@callId", callId);
        command.AddParameter("@take", take);
        command.AddParameter("@seq", seq);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    private static RecordingChunk Read(DbDataReader reader) => new(
        reader.GetString(0),
        Convert.ToInt32(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture),
        Convert.ToInt32(reader.GetValue(2), System.Globalization.CultureInfo.InvariantCulture),
        reader.GetString(3),
        Convert.ToInt64(reader.GetValue(4), System.Globalization.CultureInfo.InvariantCulture));
}
