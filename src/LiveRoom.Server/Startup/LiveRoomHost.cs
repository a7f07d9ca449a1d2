using LiveRoom.Contracts.Wire;
using LiveRoom.Server.Auth;
using LiveRoom.Server.Contacts;
using LiveRoom.Server.Security;
using LiveRoom.Storage;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Configuration;

namespace LiveRoom.Server.Startup;

/// <summary>
/// What every LiveRoom server has whatever its features: configuration, the data directory and its
/// database, the first admin, the grain runtime, and the HTTP pipeline's cross-cutting middleware.
/// The capabilities add themselves (Program.cs lists them).
/// </summary>
public static class LiveRoomHost
{
    /// <summary>A builder with LiveRoom's configuration sources and default address. <paramref name="webRoot"/> overrides where the built pages are.</summary>
    public static WebApplicationBuilder CreateBuilder(string[] args, string? webRoot = null, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, WebRootPath = webRoot });
        builder.Configuration.AddLiveRoomEnvironment();
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]) && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("ASPNETCORE_URLS")))
        {
            builder.WebHost.UseUrls("http://127.0.0.1:5080");
        }

        configure?.Invoke(builder);
        return builder;
    }

    public static WebApplicationBuilder AddLiveRoomCore(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        // Never log request URLs at start: the hub's access_token travels in the query string.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);

        services.AddLiveRoomOptions<LiveRoomOptions>(LiveRoomOptions.SectionName);
        services.AddLiveRoomOptions<AdminOptions>(AdminOptions.SectionName);
        services.AddLiveRoomOptions<OrleansOptions>(OrleansOptions.SectionName);
        services.AddLiveRoomOptions<ContactOptions>(ContactOptions.SectionName);

        var data = new DataDirectory(builder.Configuration.GetSection(LiveRoomOptions.SectionName).Get<LiveRoomOptions>()?.DataDirectory ?? new LiveRoomOptions().DataDirectory);
        services.AddSingleton(data);
        services.TryAddSingleton(TimeProvider.System);
        services.AddLiveRoomSqliteStorage(data.PathOf("liveroom.db"));

        // Hosted services start in this order: the schema, then the first admin, then the grain runtime.
        services.AddHostedService<DatabaseMigrator>();
        services.AddSingleton<AdminBootstrapper>();
        services.AddHostedService(sp => sp.GetRequiredService<AdminBootstrapper>());
        var orleans = builder.Configuration.GetSection(OrleansOptions.SectionName).Get<OrleansOptions>() ?? new OrleansOptions();
        builder.UseOrleans(silo => silo
            .UseLocalhostClustering(orleans.SiloPort, orleans.GatewayPort, serviceId: orleans.ServiceId, clusterId: orleans.ClusterId)
            .Configure<GrainDirectoryOptions>(directory => directory.CacheSize = orleans.DirectoryCacheSize));

        services.AddDataProtection()
            .SetApplicationName("LiveRoom")
            .PersistKeysToFileSystem(new DirectoryInfo(data.PathOf("keys")));
        services.ConfigureHttpJsonOptions(json => WireFormat.Configure(json.SerializerOptions));
        services.AddProblemDetails();
        services.AddOpenApi();
        services.AddSingleton<Http.PublicUrls>();
        services.AddSingleton<BannerConsole>();
        services.AddHostedService<StartupBanner>();
        return builder;
    }

    /// <summary>The middleware every request passes, in order; features only map endpoints after it.</summary>
    public static WebApplication UseLiveRoomPipeline(this WebApplication app)
    {
        app.UseTrustedProxies();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/hubs"), hubs => hubs.UseMiddleware<OriginCheckMiddleware>());
        app.UseStaticFiles();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseLiveRoomStaffSessions();
        app.UseAuthorization();
        app.MapOpenApi();
        return app;
    }
}
