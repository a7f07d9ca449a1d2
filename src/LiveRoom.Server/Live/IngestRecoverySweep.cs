using LiveRoom.Contracts.Common;
using LiveRoom.Contracts.Rooms;
using LiveRoom.Grains.Live;
using Microsoft.Extensions.Options;

namespace LiveRoom.Server.Live;

/// <summary>
/// Once the grain runtime is up, and then every <see cref="LiveOptions.IngestCheckSeconds"/>, asks every room
/// the records show live or interrupted to check its ingest node. After a crash this is what moves a room
/// that was live to <c>interrupted</c> (its publisher can come back) and what ends a room that was
/// interrupted when the process died, even if nobody opens it again. At start it also clears the live files
/// an earlier run left for rooms no longer on air.
/// </summary>
public sealed partial class IngestRecoverySweep(
    IRoomRecords records,
    IGrainFactory grains,
    IHostApplicationLifetime lifetime,
    LiveFileCleanup liveFiles,
    IOptions<LiveOptions> options,
    TimeProvider time,
    ILogger<IngestRecoverySweep> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            // Grains are reachable once the host has started (the silo starts with it).
            var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
            {
                await started.Task.WaitAsync(stoppingToken);
            }

            using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.IngestCheckSeconds), time);
            await SweepAsync(stoppingToken);
            await DeleteLeftoversAsync(stoppingToken);
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await SweepAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task SweepAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<string> rooms;
        try
        {
            rooms = await records.ListOnAirRoomIdsAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Log.ListFailed(logger, ex);
            return;
        }

        foreach (var roomId in rooms)
        {
            try
            {
                await grains.Room(roomId).CheckIngestAsync().WaitAsync(TimeSpan.FromSeconds(10), cancellationToken);
            }
            // Any failure of one room (a grain call, its database write on a full disk) is that room's: the
            // sweep goes on, and a background service that let it escape would stop the whole server.
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                Log.CheckFailed(logger, ex, roomId);
            }
        }
    }

    private async Task DeleteLeftoversAsync(CancellationToken cancellationToken)
    {
        try
        {
            await liveFiles.DeleteLeftoversAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Log.LeftoversFailed(logger, ex);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 8701, Level = LogLevel.Warning, Message = "Could not list the rooms on air to check their ingest")]
        public static partial void ListFailed(ILogger logger, Exception exception);

        [LoggerMessage(EventId = 8702, Level = LogLevel.Warning, Message = "Could not check the ingest of room {RoomId}")]
        public static partial void CheckFailed(ILogger logger, Exception exception, string roomId);

        [LoggerMessage(EventId = 8704, Level = LogLevel.Warning, Message = "Could not clear the live files left by an earlier run")]
        public static partial void LeftoversFailed(ILogger logger, Exception exception);
    }
}
