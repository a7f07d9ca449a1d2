using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using LiveRoom.Contracts.Engagement;
using LiveRoom.Storage.Database;
using LiveRoom.Storage.Engagement;
using Microsoft.Extensions.Logging.Abstractions;

namespace LiveRoom.FunnelBench;

/// <summary>Fills a fresh database: events through the real batch writer (which keeps the aggregates), leads and calls in bulk.</summary>
internal static class Seeder
{
    /// <summary>Events per flush: one transaction each, as a busy node's writer would make them (it writes every second).</summary>
    private const int EventsPerFlush = 50_000;

    public static async Task<(long Events, TimeSpan Took)> WriteEventsAsync(LiveRoomDatabase database, IReadOnlyList<EngagementEvent> events)
    {
        using var log = new SqlEngagementLog(database, NullLogger<SqlEngagementLog>.Instance);
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < events.Count; i += EventsPerFlush)
        {
            for (var j = i; j < Math.Min(events.Count, i + EventsPerFlush); j++) log.Add(events[j]);
            await log.FlushAsync();
        }

        return (events.Count, watch.Elapsed);
    }

    /// <summary>One lead for each of <paramref name="viewerIds"/>, in one transaction.</summary>
    public static async Task<int> WriteLeadsAsync(LiveRoomDatabase database, string roomId, IEnumerable<string> viewerIds, DateTimeOffset at)
    {
        await using var connection = await database.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var count = 0;
        foreach (var viewerId in viewerIds)
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = """
                INSERT INTO leads (id, room_id, viewer_id, name, email, consent_version, consent_locale, consent_text, consented_at, source, created_at, updated_at)
                VALUES (@id, @room, @viewer, @name, @email, 1, 'en', 'You may contact me.', @at, 'form', @at, @at);
                """;
            Add(command, "@id", $"ld_{roomId}_{count:D6}");
            Add(command, "@room", roomId);
            Add(command, "@viewer", viewerId);
            Add(command, "@name", $"Lead {count}");
            Add(command, "@email", $"lead{count}@example.com");
            Add(command, "@at", at.AddSeconds(count).ToString("O", CultureInfo.InvariantCulture));
            await command.ExecuteNonQueryAsync();
            count++;
        }

        await transaction.CommitAsync();
        return count;
    }

    /// <summary>Calls taken by <paramref name="agents"/> agents in turn, with waits, lengths and some ratings.</summary>
    public static async Task WriteCallsAsync(LiveRoomDatabase database, string roomId, int calls, int agents, DateTimeOffset start, int seed)
    {
        var random = new Random(seed);
        await using var connection = await database.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        for (var i = 0; i < calls; i++)
        {
            var requested = start.AddSeconds(random.Next(0, 170 * 60));
            var started = requested.AddSeconds(random.Next(5, 240));
            var ended = started.AddSeconds(random.Next(60, 900));
            var callId = $"call_{roomId}_{i:D5}";
            await ExecAsync(connection, transaction, """
                INSERT INTO calls (id, room_id, ticket_id, requested_at, started_at, ended_at, outcome, rating)
                VALUES (@id, @room, @ticket, @requested, @started, @ended, 'hangup', @rating);
                """,
                ("@id", callId), ("@room", roomId), ("@ticket", $"tk_{i}"), ("@requested", Time(requested)), ("@started", Time(started)),
                ("@ended", Time(ended)), ("@rating", random.NextDouble() < 0.6 ? random.Next(3, 6) : null));
            var agent = i % agents;
            await ExecAsync(connection, transaction, "INSERT INTO call_participants (call_id, person_id, display_name, role, position) VALUES (@call, @person, @name, 'agent', 0);",
                ("@call", callId), ("@person", $"st_agent{agent}"), ("@name", $"Agent {agent}"));
            await ExecAsync(connection, transaction, "INSERT INTO call_participants (call_id, person_id, display_name, role, position) VALUES (@call, @person, @name, 'viewer', 1);",
                ("@call", callId), ("@person", $"vw_caller{i}"), ("@name", $"Caller {i}"));
        }

        await transaction.CommitAsync();
    }

    private static async Task ExecAsync(DbConnection connection, DbTransaction transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters) Add(command, name, value);
        await command.ExecuteNonQueryAsync();
    }

    private static void Add(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }

    private static string Time(DateTimeOffset at) => at.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);
}
