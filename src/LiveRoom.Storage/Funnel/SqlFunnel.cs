using System.Data.Common;
using System.Globalization;
using System.Text;
using LiveRoom.Contracts.Calls;
using LiveRoom.Contracts.Funnel;
using LiveRoom.Storage.Database;
using LiveRoom.Storage.Records;

namespace LiveRoom.Storage.Funnel;

/// <summary>
/// <see cref="IFunnelStore"/> in the LiveRoom database. The funnel reads the aggregates the engagement batch writer
/// keeps (<c>viewer_engagement</c>, <c>room_minutes</c>), never the raw events, so a room's funnel costs one pass
/// over its viewers, not over every minute each of them watched. Portable SQL (SQLite and PostgreSQL).
/// </summary>
public sealed class SqlFunnel(LiveRoomDatabase database) : IFunnelStore
{
    private const string ViewerSums = """
        SELECT COUNT(*), COALESCE(SUM(joins), 0), COALESCE(SUM(watch_seconds), 0), COALESCE(SUM(chats), 0),
            COALESCE(SUM(questions), 0), COALESCE(SUM(upvotes), 0), COALESCE(SUM(card_clicks), 0),
            COALESCE(SUM(channel_visits), 0), COALESCE(SUM(qr_scans), 0), COALESCE(SUM(call_requests), 0),
            COALESCE(SUM(calls_accepted), 0), COALESCE(SUM(calls_completed), 0),
            COALESCE(SUM(CASE WHEN chats > 0 THEN 1 ELSE 0 END), 0),
            COALESCE(SUM(CASE WHEN questions > 0 THEN 1 ELSE 0 END), 0),
            COALESCE(SUM(CASE WHEN card_clicks > 0 THEN 1 ELSE 0 END), 0),
            COALESCE(SUM(CASE WHEN channel_visits > 0 THEN 1 ELSE 0 END), 0),
            COALESCE(SUM(CASE WHEN call_requests > 0 THEN 1 ELSE 0 END), 0),
            COALESCE(SUM(CASE WHEN calls_accepted > 0 THEN 1 ELSE 0 END), 0),
            COALESCE(SUM(CASE WHEN calls_completed > 0 THEN 1 ELSE 0 END), 0)
        FROM viewer_engagement
        """;

    public async Task<FunnelReport> GetReportAsync(FunnelQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var connection = await database.OpenAsync(cancellationToken);

        long[] sums;
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = ViewerSums + Where(command, query, "room_id", "first_at") + ";";
            sums = await ReadLongsAsync(command, 19, cancellationToken);
        }

        var (peak, peakAt) = await PeakAsync(connection, query, cancellationToken);

        long leads;
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT COUNT(*) FROM leads" + Where(command, query, "room_id", "created_at") + ";";
            leads = (await ReadLongsAsync(command, 1, cancellationToken))[0];
        }

        var agents = await AgentsAsync(connection, query, cancellationToken);
        var viewers = sums[0];
        var totals = new FunnelTotals(
            Joins: sums[1], WatchSeconds: sums[2], ChatMessages: sums[3], Questions: sums[4], Upvotes: sums[5], CardClicks: sums[6],
            ChannelVisits: sums[7], QrScans: sums[8], CallRequests: sums[9], CallsAccepted: sums[10], CallsCompleted: sums[11], Leads: leads);
        var steps = FunnelSteps.Build([viewers, sums[12], sums[13], sums[14], sums[15], sums[16], sums[17], sums[18], leads]);
        var averageWatch = viewers == 0 ? 0 : Math.Round((double)totals.WatchSeconds / viewers, 1, MidpointRounding.AwayFromZero);
        return new FunnelReport(query.RoomId, query.From, query.To, viewers, peak, peakAt, averageWatch, totals, steps, agents);
    }

    public async Task<IReadOnlyList<TimelinePoint>> GetTimelineAsync(string roomId, DateTimeOffset? from, DateTimeOffset? to, int maxPoints, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT minute, viewers, chats, questions, joins FROM room_minutes"
            + Where(command, new FunnelQuery(roomId, Floor(from), to), "room_id", "minute") + " ORDER BY minute;";
        var rows = new List<TimelinePoint>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add(new TimelinePoint(reader.GetTime(0), Long(reader, 1), Long(reader, 2), Long(reader, 3), Long(reader, 4)));
            }
        }

        if (rows.Count == 0) return rows;

        // Every minute from the first to the last: a minute without a row had nobody watching and nothing done.
        var last = rows[^1].At;
        var first = rows[0].At;
        if ((last - first).TotalMinutes >= maxPoints) first = last.AddMinutes(-(maxPoints - 1));
        var byMinute = rows.ToDictionary(r => r.At);
        var points = new List<TimelinePoint>();
        for (var at = first; at <= last; at = at.AddMinutes(1))
        {
            points.Add(byMinute.TryGetValue(at, out var row) ? row : new TimelinePoint(at, 0, 0, 0, 0));
        }

        return points;
    }

    public async Task<IReadOnlyDictionary<string, ViewerEngagement>> GetLeadEngagementAsync(string roomId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT e.viewer_id, e.joins, e.watch_seconds, e.chats, e.questions, e.upvotes, e.card_clicks, e.channel_visits,
                e.call_requests, e.calls_completed
            FROM viewer_engagement e
            WHERE e.room_id = @roomId AND e.viewer_id IN (SELECT l.viewer_id FROM leads l WHERE l.room_id = @roomId);
            """;
        command.AddParameter("@roomId", roomId);
        var found = new Dictionary<string, ViewerEngagement>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var viewerId = reader.GetString(0);
            found[viewerId] = new ViewerEngagement(
                roomId, viewerId, Long(reader, 1), Long(reader, 2), Long(reader, 3), Long(reader, 4), Long(reader, 5), Long(reader, 6), Long(reader, 7), Long(reader, 8), Long(reader, 9));
        }

        return found;
    }

    private static async Task<(long Peak, DateTimeOffset? At)> PeakAsync(DbConnection connection, FunnelQuery query, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        var where = Where(command, query with { From = Floor(query.From) }, "room_id", "minute");
        command.CommandText = query.RoomId is null
            ? $"SELECT minute, SUM(viewers) AS watching FROM room_minutes{where} GROUP BY minute ORDER BY watching DESC, minute LIMIT 1;"
            : $"SELECT minute, viewers AS watching FROM room_minutes{where} ORDER BY watching DESC, minute LIMIT 1;";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken)) return (0, null);
        var peak = Long(reader, 1);
        return peak == 0 ? (0, null) : (peak, reader.GetTime(0));
    }

    private static async Task<IReadOnlyList<AgentFigures>> AgentsAsync(DbConnection connection, FunnelQuery query, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        var where = Where(command, query, "c.room_id", "c.started_at");
        command.CommandText = $"""
            SELECT p.person_id, p.display_name, c.requested_at, c.started_at, c.ended_at, c.rating
            FROM calls c JOIN call_participants p ON p.call_id = c.id
            {where}{(where.Length == 0 ? " WHERE" : " AND")} p.role <> @viewerRole;
            """;
        command.AddParameter("@viewerRole", WireNames.ToName(CallRole.Viewer));
        var byAgent = new Dictionary<string, AgentTally>(StringComparer.Ordinal);
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var id = reader.GetString(0);
                if (!byAgent.TryGetValue(id, out var tally)) byAgent[id] = tally = new AgentTally(reader.GetString(1));
                var requested = reader.GetTime(2);
                var started = reader.GetTime(3);
                var ended = reader.GetNullableTime(4);
                tally.Calls++;
                tally.WaitSeconds += Math.Max(0, (started - requested).TotalSeconds);
                if (ended is { } end)
                {
                    tally.Ended++;
                    tally.HandleSeconds += Math.Max(0, (end - started).TotalSeconds);
                }

                if (!reader.IsDBNull(5))
                {
                    tally.Ratings++;
                    tally.RatingSum += Long(reader, 5);
                }
            }
        }

        return byAgent
            .Select(a => new AgentFigures(
                a.Key,
                a.Value.DisplayName,
                a.Value.Calls,
                Round(a.Value.WaitSeconds / a.Value.Calls),
                a.Value.Ended == 0 ? null : Round(a.Value.HandleSeconds / a.Value.Ended),
                a.Value.Ratings == 0 ? null : Math.Round((double)a.Value.RatingSum / a.Value.Ratings, 2, MidpointRounding.AwayFromZero),
                a.Value.Ratings))
            .OrderByDescending(a => a.Calls)
            .ThenBy(a => a.DisplayName, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// The WHERE clause for a room and a time range, its parameters added to <paramref name="command"/>. Written out
    /// rather than <c>(@room IS NULL OR …)</c>, which keeps SQLite from using the indexes.
    /// </summary>
    private static string Where(DbCommand command, FunnelQuery query, string roomColumn, string timeColumn)
    {
        var conditions = new List<string>();
        if (query.RoomId is not null)
        {
            conditions.Add($"{roomColumn} = @roomId");
            command.AddParameter("@roomId", query.RoomId);
        }

        if (query.From is { } from)
        {
            conditions.Add($"{timeColumn} >= @from");
            command.AddParameter("@from", from.ToDb());
        }

        if (query.To is { } to)
        {
            conditions.Add($"{timeColumn} < @to");
            command.AddParameter("@to", to.ToDb());
        }

        return conditions.Count == 0 ? string.Empty : new StringBuilder(" WHERE ").AppendJoin(" AND ", conditions).ToString();
    }

    /// <summary>The start of the minute <paramref name="at"/> falls in: that minute's row covers it.</summary>
    private static DateTimeOffset? Floor(DateTimeOffset? at) =>
        at is { } value ? new DateTimeOffset(value.UtcTicks - (value.UtcTicks % TimeSpan.TicksPerMinute), TimeSpan.Zero) : null;

    private static async Task<long[]> ReadLongsAsync(DbCommand command, int count, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var values = new long[count];
        if (!await reader.ReadAsync(cancellationToken)) return values;
        for (var i = 0; i < count; i++) values[i] = Long(reader, i);
        return values;
    }

    private static long Long(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? 0 : Convert.ToInt64(reader.GetValue(ordinal), CultureInfo.InvariantCulture);

    private static double Round(double value) => Math.Round(value, 1, MidpointRounding.AwayFromZero);

    private sealed class AgentTally(string displayName)
    {
        public string DisplayName { get; } = displayName;

        public int Calls { get; set; }

        public int Ended { get; set; }

        public double WaitSeconds { get; set; }

        public double HandleSeconds { get; set; }

        public int Ratings { get; set; }

        public long RatingSum { get; set; }
    }
}
