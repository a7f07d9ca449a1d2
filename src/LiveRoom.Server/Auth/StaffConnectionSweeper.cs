using Microsoft.Extensions.Options;

namespace LiveRoom.Server.Auth;

/// <summary>
/// Closes open staff hub connections whose session ended on another node: a revocation closes this node's
/// connections at once, but a connection here that makes no call would otherwise keep receiving its rooms'
/// events. Checks every <see cref="StaffSessionOptions.StampCacheDuration"/> (at least each second), through
/// the same cache, so at most one database read per staff account per period.
/// </summary>
public sealed partial class StaffConnectionSweeper(
    StaffConnections connections, StaffSessions sessions, IOptions<StaffSessionOptions> options, TimeProvider time, ILogger<StaffConnectionSweeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var period = options.Value.StampCacheDuration < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : options.Value.StampCacheDuration;
        using var timer = new PeriodicTimer(period, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                foreach (var connection in connections.All())
                {
                    try
                    {
                        if (connection.User is { } user && !await sessions.IsCurrentAsync(user, stoppingToken))
                        {
                            Log.Closed(logger, connection.ConnectionId);
                            connection.Abort();
                        }
                    }
                    // A failed look-up (the database busy or its disk full) is tried again next period; a
                    // background service that let it escape would stop the whole server.
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        Log.CheckFailed(logger, ex, connection.ConnectionId);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 3003, Level = LogLevel.Information, Message = "Closed staff hub connection {ConnectionId}: its session ended")]
        public static partial void Closed(ILogger logger, string connectionId);

        [LoggerMessage(EventId = 3004, Level = LogLevel.Warning, Message = "Could not check the session of staff hub connection {ConnectionId}; trying again next period")]
        public static partial void CheckFailed(ILogger logger, Exception exception, string connectionId);
    }
}
