using System.Collections.Concurrent;
using System.Data.Common;
using System.Text;
using LiveRoom.Contracts.Engagement;
using LiveRoom.Storage.Database;
using LiveRoom.Storage.Funnel;
using LiveRoom.Storage.Records;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LiveRoom.Storage.Engagement;

/// <summary>
/// <see cref="IEngagementLog"/> in the LiveRoom database: events queue in memory and are written about once a
/// second as multi-row inserts in one transaction, and once more when the node stops. The same transaction keeps
/// the funnel's per-viewer and per-minute aggregates (<see cref="EngagementAggregates"/>) up to date.
/// </summary>
public sealed partial class SqlEngagementLog(LiveRoomDatabase database, ILogger<SqlEngagementLog> logger) : BackgroundService, IEngagementLog
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    /// <summary>Rows per INSERT: six parameters each, well inside SQLite's and PostgreSQL's limits.</summary>
    private const int RowsPerInsert = 500;

    /// <summary>What is kept when the database cannot be written for a long while: the newest are dropped beyond it.</summary>
    private const int MaxQueued = 500_000;

    private readonly ConcurrentQueue<EngagementEvent> _queue = new();
    private readonly SemaphoreSlim _writing = new(1, 1);
    private readonly EngagementAggregates _aggregates = new();
    private int _queued;

    public void Add(EngagementEvent engagement)
    {
        if (Interlocked.Increment(ref _queued) > MaxQueued)
        {
            Interlocked.Decrement(ref _queued);
            Log.Dropped(logger, engagement.RoomId);
            return;
        }

        _queue.Enqueue(engagement);
    }

    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        await _writing.WaitAsync(cancellationToken);
        try
        {
            var batch = new List<EngagementEvent>();
            while (_queue.TryDequeue(out var next))
            {
                batch.Add(next);
                Interlocked.Decrement(ref _queued);
            }

            if (batch.Count == 0) return;
            try
            {
                await WriteAsync(batch, cancellationToken);
            }
            catch (Exception ex) when (ex is DbException or InvalidOperationException)
            {
                // Kept for the next try: the database may be busy or restarting.
                foreach (var item in batch) Add(item);
                Log.WriteFailed(logger, ex, batch.Count);
            }
        }
        finally
        {
            _writing.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken)) await FlushAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await FlushAsync(CancellationToken.None);
    }

    public override void Dispose()
    {
        _writing.Dispose();
        base.Dispose();
    }

    private async Task WriteAsync(List<EngagementEvent> batch, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var chunk in batch.Chunk(RowsPerInsert))
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            var sql = new StringBuilder("INSERT INTO engagement_events (room_id, viewer_id, kind, subject, amount, at) VALUES ");
            for (var i = 0; i < chunk.Length; i++)
            {
                if (i > 0) sql.Append(", ");
                sql.Append(System.Globalization.CultureInfo.InvariantCulture, $"(@r{i}, @v{i}, @k{i}, @s{i}, @a{i}, @t{i})");
                var item = chunk[i];
                command.AddParameter($"@r{i}", item.RoomId);
                command.AddParameter($"@v{i}", item.ViewerId);
                command.AddParameter($"@k{i}", WireNames.ToName(item.Kind));
                command.AddParameter($"@s{i}", item.Subject);
                command.AddParameter($"@a{i}", item.Amount);
                command.AddParameter($"@t{i}", item.At.ToDb());
            }

            command.CommandText = sql.Append(';').ToString();
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        var aggregates = _aggregates.Add(batch);
        await EngagementAggregates.WriteAsync(connection, transaction, aggregates, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        _aggregates.Remember(aggregates);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 9651, Level = LogLevel.Warning, Message = "Could not write {Count} engagement events; they are kept for the next try")]
        public static partial void WriteFailed(ILogger logger, Exception exception, int count);

        [LoggerMessage(EventId = 9652, Level = LogLevel.Warning, Message = "Engagement queue full: an event of room {RoomId} was dropped")]
        public static partial void Dropped(ILogger logger, string roomId);
    }
}
