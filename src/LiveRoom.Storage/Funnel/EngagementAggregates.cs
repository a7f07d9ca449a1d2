using System.Data.Common;
using System.Globalization;
using System.Text;
using LiveRoom.Contracts.Engagement;
using LiveRoom.Storage.Database;

namespace LiveRoom.Storage.Funnel;

/// <summary>
/// Keeps the funnel's aggregates (<c>viewer_engagement</c>, <c>room_minutes</c>) up to date from each batch of
/// engagement events, in the transaction that writes the events, with portable upserts
/// (<c>INSERT … ON CONFLICT … DO UPDATE</c>, SQLite and PostgreSQL alike).
/// </summary>
/// <remarks>
/// A minute's <c>viewers</c> counts each viewer once: a watching viewer has one watch event a minute, and one more
/// when they leave, which may fall in a minute they were already counted in. The last minute each viewer was
/// counted in is remembered here (not in the database), so a node that restarts may count a viewer twice in the
/// minute it restarted in. Not thread-safe: the batch writer calls it one batch at a time.
/// </remarks>
internal sealed class EngagementAggregates
{
    /// <summary>Rows per upsert: 15 parameters each, well inside SQLite's (32,766) and PostgreSQL's (65,535) limits.</summary>
    private const int RowsPerUpsert = 200;

    /// <summary>How long a viewer's last counted minute is remembered after it.</summary>
    private static readonly long RememberTicks = TimeSpan.FromMinutes(10).Ticks;

    private readonly Dictionary<(string RoomId, string ViewerId), long> _lastWatchMinute = [];
    private long _prunedAt;

    /// <summary>What a batch adds; <see cref="Remember"/> it once the transaction has committed.</summary>
    public sealed class Pending
    {
        internal Dictionary<(string RoomId, string ViewerId), ViewerRow> Viewers { get; } = [];

        internal Dictionary<(string RoomId, long Minute), MinuteRow> Minutes { get; } = [];

        internal Dictionary<(string RoomId, string ViewerId), long> WatchMinutes { get; } = [];
    }

    public Pending Add(IReadOnlyList<EngagementEvent> batch)
    {
        var pending = new Pending();
        foreach (var e in batch)
        {
            var at = e.At.UtcTicks;
            var minute = at - (at % TimeSpan.TicksPerMinute);
            var viewerKey = (e.RoomId, e.ViewerId);
            if (!pending.Viewers.TryGetValue(viewerKey, out var viewer))
            {
                viewer = new ViewerRow { FirstAt = at, LastAt = at };
                pending.Viewers[viewerKey] = viewer;
            }

            viewer.FirstAt = Math.Min(viewer.FirstAt, at);
            viewer.LastAt = Math.Max(viewer.LastAt, at);
            var minuteKey = (e.RoomId, minute);
            if (!pending.Minutes.TryGetValue(minuteKey, out var row))
            {
                row = new MinuteRow();
                pending.Minutes[minuteKey] = row;
            }

            long amount = e.Amount;
            switch (e.Kind)
            {
                case EngagementKind.Join:
                    viewer.Counts[0] += amount;
                    row.Counts[2] += amount;
                    break;
                case EngagementKind.Watch:
                    viewer.Counts[1] += amount;
                    row.Counts[1] += amount;
                    if (IsNewWatchMinute(pending, viewerKey, minute)) row.Counts[0]++;
                    break;
                case EngagementKind.Chat:
                    viewer.Counts[2] += amount;
                    row.Counts[3] += amount;
                    break;
                case EngagementKind.Question:
                    viewer.Counts[3] += amount;
                    row.Counts[4] += amount;
                    break;
                case EngagementKind.Upvote:
                    viewer.Counts[4] += amount;
                    row.Counts[5] += amount;
                    break;
                case EngagementKind.CardClick:
                    viewer.Counts[5] += amount;
                    row.Counts[6] += amount;
                    break;
                case EngagementKind.ChannelVisit:
                    viewer.Counts[6] += amount;
                    if (string.Equals(e.Subject, "qr", StringComparison.Ordinal)) viewer.Counts[7] += amount;
                    row.Counts[7] += amount;
                    break;
                case EngagementKind.CallRequested:
                    viewer.Counts[8] += amount;
                    row.Counts[8] += amount;
                    break;
                case EngagementKind.CallAccepted:
                    viewer.Counts[9] += amount;
                    break;
                case EngagementKind.CallCompleted:
                    viewer.Counts[10] += amount;
                    break;
            }
        }

        return pending;
    }

    /// <summary>Writes what <paramref name="pending"/> adds, in <paramref name="transaction"/>.</summary>
    public static async Task WriteAsync(DbConnection connection, DbTransaction transaction, Pending pending, CancellationToken cancellationToken)
    {
        foreach (var chunk in pending.Viewers.Chunk(RowsPerUpsert))
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            var sql = new StringBuilder("INSERT INTO viewer_engagement (room_id, viewer_id, first_at, last_at, ")
                .Append(string.Join(", ", ViewerRow.Columns)).Append(") VALUES ");
            for (var i = 0; i < chunk.Length; i++)
            {
                var ((roomId, viewerId), row) = chunk[i];
                if (i > 0) sql.Append(", ");
                sql.Append(CultureInfo.InvariantCulture, $"(@r{i}, @v{i}, @f{i}, @l{i}");
                command.AddParameter($"@r{i}", roomId);
                command.AddParameter($"@v{i}", viewerId);
                command.AddParameter($"@f{i}", Time(row.FirstAt));
                command.AddParameter($"@l{i}", Time(row.LastAt));
                for (var c = 0; c < row.Counts.Length; c++)
                {
                    sql.Append(CultureInfo.InvariantCulture, $", @c{i}_{c}");
                    command.AddParameter($"@c{i}_{c}", row.Counts[c]);
                }

                sql.Append(')');
            }

            sql.Append(" ON CONFLICT (room_id, viewer_id) DO UPDATE SET ")
                .Append("first_at = CASE WHEN excluded.first_at < viewer_engagement.first_at THEN excluded.first_at ELSE viewer_engagement.first_at END, ")
                .Append("last_at = CASE WHEN excluded.last_at > viewer_engagement.last_at THEN excluded.last_at ELSE viewer_engagement.last_at END");
            foreach (var column in ViewerRow.Columns) sql.Append(CultureInfo.InvariantCulture, $", {column} = viewer_engagement.{column} + excluded.{column}");
            command.CommandText = sql.Append(';').ToString();
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        foreach (var chunk in pending.Minutes.Chunk(RowsPerUpsert))
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            var sql = new StringBuilder("INSERT INTO room_minutes (room_id, minute, ")
                .Append(string.Join(", ", MinuteRow.Columns)).Append(") VALUES ");
            for (var i = 0; i < chunk.Length; i++)
            {
                var ((roomId, minute), row) = chunk[i];
                if (i > 0) sql.Append(", ");
                sql.Append(CultureInfo.InvariantCulture, $"(@r{i}, @m{i}");
                command.AddParameter($"@r{i}", roomId);
                command.AddParameter($"@m{i}", Time(minute));
                for (var c = 0; c < row.Counts.Length; c++)
                {
                    sql.Append(CultureInfo.InvariantCulture, $", @c{i}_{c}");
                    command.AddParameter($"@c{i}_{c}", row.Counts[c]);
                }

                sql.Append(')');
            }

            sql.Append(" ON CONFLICT (room_id, minute) DO UPDATE SET ");
            sql.AppendJoin(", ", MinuteRow.Columns.Select(column => $"{column} = room_minutes.{column} + excluded.{column}"));
            command.CommandText = sql.Append(';').ToString();
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>Remembers the minutes a committed batch counted its watchers in.</summary>
    public void Remember(Pending pending)
    {
        var newest = 0L;
        foreach (var (key, minute) in pending.WatchMinutes)
        {
            _lastWatchMinute[key] = minute;
            newest = Math.Max(newest, minute);
        }

        // Once a minute at most: forget viewers not counted for a while (they left, or watch elsewhere).
        if (newest - _prunedAt < TimeSpan.TicksPerMinute) return;
        _prunedAt = newest;
        foreach (var (key, minute) in _lastWatchMinute)
        {
            if (newest - minute > RememberTicks) _lastWatchMinute.Remove(key);
        }
    }

    /// <summary>The minute's key as stored: the ISO-8601 text of its start, as <c>ToDb()</c> writes times.</summary>
    internal static string Time(long utcTicks) => new DateTimeOffset(utcTicks, TimeSpan.Zero).ToDb();

    private bool IsNewWatchMinute(Pending pending, (string RoomId, string ViewerId) key, long minute)
    {
        var last = pending.WatchMinutes.TryGetValue(key, out var inBatch) ? inBatch : _lastWatchMinute.GetValueOrDefault(key, long.MinValue);
        if (minute <= last) return false;
        pending.WatchMinutes[key] = minute;
        return true;
    }

    internal sealed class ViewerRow
    {
        public static readonly string[] Columns =
        [
            "joins", "watch_seconds", "chats", "questions", "upvotes", "card_clicks", "channel_visits", "qr_scans",
            "call_requests", "calls_accepted", "calls_completed",
        ];

        public long FirstAt { get; set; }

        public long LastAt { get; set; }

        public long[] Counts { get; } = new long[Columns.Length];
    }

    internal sealed class MinuteRow
    {
        public static readonly string[] Columns =
        [
            "viewers", "watch_seconds", "joins", "chats", "questions", "upvotes", "card_clicks", "channel_visits", "call_requests",
        ];

        public long[] Counts { get; } = new long[Columns.Length];
    }
}
