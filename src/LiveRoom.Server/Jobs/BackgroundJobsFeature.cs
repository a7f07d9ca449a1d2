using Hangfire;
using LiveRoom.Server.Auth;
using LiveRoom.Server.Security;

namespace LiveRoom.Server.Jobs;

/// <summary>
/// Background work: Hangfire with this server's own in-memory storage, fed by the durable outbox (which
/// re-enqueues at start), and the staff-only jobs dashboard.
/// </summary>
public static class BackgroundJobsFeature
{
    public static WebApplicationBuilder AddBackgroundJobs(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        // This server's own job storage, registered before AddHangfire so the client, the workers and the
        // dashboard all use it rather than Hangfire's process-wide JobStorage.Current.
        services.AddSingleton<JobStorage>(new Hangfire.InMemory.InMemoryStorage());
        services.AddHangfire((sp, hangfire) => hangfire
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseLogProvider(new HangfireLogProvider(sp.GetRequiredService<ILoggerFactory>())));
        services.AddHangfireServer((sp, server) =>
        {
            // Jobs are built from this server's services (Hangfire's default activator is process-wide).
            server.Activator = new Hangfire.AspNetCore.AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>());
            // Jobs copy streams (little CPU): two at once, so one slow job cannot hold up another room's.
            server.WorkerCount = 2;
            // Retries come on time (the default looks for due jobs every 15 s).
            server.SchedulePollingInterval = TimeSpan.FromSeconds(1);
        });
        services.AddHostedService<OutboxDispatcher>();
        return builder;
    }

    public static WebApplication MapBackgroundJobs(this WebApplication app)
    {
        // The jobs dashboard: staff only, through the console's sign-in cookie; read-only but for admins.
        app.MapHangfireDashboard("/jobs", RequestSecurityExtensions.JobsDashboardOptions())
            .RequireAuthorization(Roles.StaffPagePolicy);
        return app;
    }
}
