using LiveRoom.Server.Startup;

namespace LiveRoom.Server.Diagnostics;

/// <summary>Metrics, health and readiness, the disk-space watch and giving memory back when quiet.</summary>
public static class DiagnosticsFeature
{
    public static WebApplicationBuilder AddDiagnostics(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddLiveRoomOptions<StorageOptions>(StorageOptions.SectionName);
        services.AddLiveRoomOptions<MemoryTrimOptions>(MemoryTrimOptions.SectionName);
        services.AddSingleton<LiveRoomMetrics>();
        services.AddHostedService<MemoryTrimmer>();
        services.AddSingleton<DiskSpaceMonitor>();
        services.AddHostedService(sp => sp.GetRequiredService<DiskSpaceMonitor>());
        return builder;
    }

    public static WebApplication MapDiagnostics(this WebApplication app)
    {
        app.MapOperationsApi();
        return app;
    }
}
