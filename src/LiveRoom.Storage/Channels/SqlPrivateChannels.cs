using System.Text.Json;
using System.Text.Json.Serialization;
using LiveRoom.Contracts.Channels;
using LiveRoom.Storage.Database;
using LiveRoom.Storage.Records;

namespace LiveRoom.Storage.Channels;

/// <summary><see cref="IPrivateChannels"/> in the LiveRoom database (portable SQL: SQLite and PostgreSQL).</summary>
public sealed class SqlPrivateChannels(LiveRoomDatabase database) : IPrivateChannels
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.General) { Converters = { new JsonStringEnumConverter() } };

    public async Task<PrivateChannel?> GetAsync(string roomId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT channel FROM room_channels WHERE room_id = @roomId;";
        command.AddParameter("@roomId", roomId);
        return await command.ExecuteScalarAsync(cancellationToken) is string json ? JsonSerializer.Deserialize<PrivateChannel>(json, Json) : null;
    }

    public async Task SaveAsync(PrivateChannel channel, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO room_channels (room_id, channel, updated_at) VALUES (@roomId, @channel, @updatedAt)
            ON CONFLICT (room_id) DO UPDATE SET channel = excluded.channel, updated_at = excluded.updated_at;
            """;
        command.AddParameter("@roomId", channel.RoomId);
        command.AddParameter("@channel", JsonSerializer.Serialize(channel, Json));
        command.AddParameter("@updatedAt", channel.UpdatedAt.ToDb());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<ChannelLink> LinkAsync(string roomId, string viewerId, ChannelSource source, string newCode, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using (var insert = connection.CreateCommand())
        {
            // Two first requests at once meet on the unique key: one code is kept, and both read it back.
            insert.CommandText = """
                INSERT INTO channel_links (code, room_id, viewer_id, source) VALUES (@code, @roomId, @viewerId, @source)
                ON CONFLICT (room_id, viewer_id, source) DO NOTHING;
                """;
            insert.AddParameter("@code", newCode);
            insert.AddParameter("@roomId", roomId);
            insert.AddParameter("@viewerId", viewerId);
            insert.AddParameter("@source", WireNames.ToName(source));
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var read = connection.CreateCommand();
        read.CommandText = "SELECT code FROM channel_links WHERE room_id = @roomId AND viewer_id = @viewerId AND source = @source;";
        read.AddParameter("@roomId", roomId);
        read.AddParameter("@viewerId", viewerId);
        read.AddParameter("@source", WireNames.ToName(source));
        var code = (string)(await read.ExecuteScalarAsync(cancellationToken))!;
        return new ChannelLink(code, roomId, viewerId, source);
    }

    public async Task<ChannelLink?> FindLinkAsync(string code, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT code, room_id, viewer_id, source FROM channel_links WHERE code = @code;";
        command.AddParameter("@code", code);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new ChannelLink(reader.GetString(0), reader.GetString(1), reader.GetString(2), WireNames.Parse<ChannelSource>(reader.GetString(3)))
            : null;
    }
}
