using LiveRoom.Server.Security;
using LiveRoom.Storage.Database;

namespace LiveRoom.Server.Diagnostics;

/// <summary>Health, readiness and metrics for operators and load balancers.</summary>
public static class OperationsEndpoints
{
    public static IEndpointRouteBuilder MapOperationsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", () => Results.Text("ok")).AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/readyz", ReadyAsync).AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/metrics", (LiveRoomMetrics metrics) => Results.Text(metrics.Render(), "text/plain; version=0.0.4"))
            .AllowAnonymous().AddEndpointFilter<MetricsAccessFilter>().ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> ReadyAsync(LiveRoomDatabase database, IClusterClient cluster, DiskSpaceMonitor disk, CancellationToken cancellationToken)
    {
        try
        {
            // A node about to fill its disk is taken out of rotation before ffmpeg and the database fail.
            var space = disk.Read();
            if (space.Low)
            {
                return Results.Text($"disk space low: {space.FreeMegabytes} MB free in the data directory, minimum {space.MinimumMegabytes} MB", statusCode: StatusCodes.Status503ServiceUnavailable);
            }

            if (!await database.PingAsync(cancellationToken)) return Results.Text("database not ready", statusCode: StatusCodes.Status503ServiceUnavailable);
            // A grain call proves the grain runtime answers.
            await cluster.GetGrain<Contracts.Rooms.IRoomGrain>("readiness-probe").GetDetailsAsync().WaitAsync(TimeSpan.FromSeconds(5), cancellationToken);
            return Results.Text("ready");
        }
        catch (Exception ex) when (ex is TimeoutException or InvalidOperationException or OrleansException)
        {
            return Results.Text("grain runtime not ready", statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }
}
