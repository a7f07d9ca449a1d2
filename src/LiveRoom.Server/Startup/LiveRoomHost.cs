using Hangfire;
using LiveRoom.Contracts.Wire;
using LiveRoom.Grains.Chat;
using LiveRoom.Grains.Delivery;
using LiveRoom.Grains.Live;
using LiveRoom.Media.Flv;
using LiveRoom.Media.Ingest;
using LiveRoom.Media.Live;
using LiveRoom.Media.Recording;
using LiveRoom.Media.Rtmp;
using LiveRoom.Media.Transcoding;
using LiveRoom.Server.Auth;
using LiveRoom.Server.Delivery;
using LiveRoom.Server.Diagnostics;
using LiveRoom.Server.Http;
using LiveRoom.Server.Hubs;
using LiveRoom.Server.Jobs;
using LiveRoom.Server.Live;
using LiveRoom.Server.Pages;
using LiveRoom.Server.Recordings;
using LiveRoom.Server.Rooms;
using LiveRoom.Server.Security;
using LiveRoom.Server.Viewers;
using LiveRoom.Storage;
using LiveRoom.Storage.Media;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LiveRoom.Server.Startup;

/// <summary>How a LiveRoom server is put together; Program.cs and the tests both build it here.</summary>
public static class LiveRoomHost
{
    /// <summary>Builds the application. <paramref name="webRoot"/> overrides where the built pages are.</summary>
    public static WebApplication Build(string[] args, string? webRoot = null, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, WebRootPath = webRoot });
        builder.Configuration.AddLiveRoomEnvironment();
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]) && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("ASPNETCORE_URLS")))
        {
            builder.WebHost.UseUrls("http://127.0.0.1:5080");
        }

        configure?.Invoke(builder);
        builder.AddLiveRoomServices();
        var app = builder.Build();
        app.UseLiveRoom();
        return app;
    }

    public static WebApplicationBuilder AddLiveRoomServices(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        // Never log request URLs at start: the hub's access_token travels in the query string.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);

        AddOptions<LiveRoomOptions>(services, LiveRoomOptions.SectionName);
        AddOptions<AdminOptions>(services, AdminOptions.SectionName);
        AddOptions<OrleansOptions>(services, OrleansOptions.SectionName);
        AddOptions<HubLimitsOptions>(services, HubLimitsOptions.SectionName);
        AddOptions<SecurityOptions>(services, SecurityOptions.SectionName);
        AddOptions<RateLimitOptions>(services, RateLimitOptions.SectionName);
        AddOptions<RtmpServerOptions>(services, RtmpServerOptions.SectionName);
        AddOptions<ChatOptions>(services, ChatOptions.SectionName);
        AddOptions<FanoutOptions>(services, FanoutOptions.SectionName);
        AddOptions<LiveOptions>(services, LiveOptions.SectionName);
        AddOptions<StorageOptions>(services, StorageOptions.SectionName);

        var settings = builder.Configuration.GetSection(LiveRoomOptions.SectionName).Get<LiveRoomOptions>() ?? new LiveRoomOptions();
        var data = new DataDirectory(settings.DataDirectory);
        services.AddSingleton(data);
        services.TryAddSingleton(TimeProvider.System);
        services.AddLiveRoomSqliteStorage(data.PathOf("liveroom.db"));

        // Hosted services start in this order: the schema, then the first admin, then the grain runtime.
        services.AddHostedService<DatabaseMigrator>();
        services.AddSingleton<AdminBootstrapper>();
        services.AddHostedService(sp => sp.GetRequiredService<AdminBootstrapper>());

        var orleans = builder.Configuration.GetSection(OrleansOptions.SectionName).Get<OrleansOptions>() ?? new OrleansOptions();
        builder.UseOrleans(silo => silo.UseLocalhostClustering(orleans.SiloPort, orleans.GatewayPort, serviceId: orleans.ServiceId, clusterId: orleans.ClusterId));

        services.AddDataProtection()
            .SetApplicationName("LiveRoom")
            .PersistKeysToFileSystem(new DirectoryInfo(data.PathOf("keys")));
        services.AddAuthentication(BearerTokenDefaults.AuthenticationScheme)
            .AddBearerToken(BearerTokenDefaults.AuthenticationScheme, options =>
            {
                options.Events = new BearerTokenEvents
                {
                    OnMessageReceived = context =>
                    {
                        // Browsers cannot set headers on WebSockets: the hub takes the token from the query.
                        var token = context.Request.Query["access_token"].ToString();
                        if (token.Length > 0 && context.Request.Path.StartsWithSegments("/hubs")) context.Token = token;
                        return Task.CompletedTask;
                    },
                };
            })
            .AddCookie(Roles.StaffCookieScheme, cookie =>
            {
                cookie.Cookie.Name = "liveroom_staff";
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Strict;
                cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                cookie.ExpireTimeSpan = TimeSpan.FromHours(12);
                cookie.SlidingExpiration = false;
                // An API-style answer instead of a redirect to a login page the server does not have.
                cookie.Events.OnRedirectToLogin = context =>
                {
                    context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    return Task.CompletedTask;
                };
                cookie.Events.OnRedirectToAccessDenied = context =>
                {
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                    return Task.CompletedTask;
                };
            });
        services.AddAuthorizationBuilder()
            .AddPolicy(Roles.StaffPolicy, p => p.RequireRole(Roles.Staff))
            .AddPolicy(Roles.RoomManagerPolicy, p => p.RequireRole(Roles.RoomManagers))
            .AddPolicy(Roles.ModeratorPolicy, p => p.RequireRole(Roles.Moderators))
            .AddPolicy(Roles.AdminPolicy, p => p.RequireRole(Roles.Admin))
            .AddPolicy(Roles.StaffPagePolicy, p => p.AddAuthenticationSchemes(Roles.StaffCookieScheme).RequireRole(Roles.Staff));
        services.AddSingleton<TokenIssuer>();
        // The hub first: its refusal filter is then the outermost one and sees every other filter's refusals.
        builder.AddRoomHub();
        services.AddLiveRoomStaffSessions();
        services.AddLiveRoomRequestSecurity();
        services.AddTrustedProxies();
        services.AddLiveRoomRateLimits();
        services.AddRequestLimits();
        services.AddLiveRoomViewers();

        services.AddSingleton<LiveRoomMetrics>();
        AddOptions<MemoryTrimOptions>(services, MemoryTrimOptions.SectionName);
        services.AddHostedService<MemoryTrimmer>();
        services.AddSingleton<DiskSpaceMonitor>();
        services.AddHostedService(sp => sp.GetRequiredService<DiskSpaceMonitor>());
        services.AddSingleton<RoomFanout>();
        services.AddHostedService(sp => sp.GetRequiredService<RoomFanout>());

        services.ConfigureHttpJsonOptions(json => WireFormat.Configure(json.SerializerOptions));
        services.AddProblemDetails();
        services.AddOpenApi();
        services.AddSingleton<PublicUrls>();

        // Live video: the RTMP ingest, the node-local sessions and their ffmpeg processes, the HTTP-FLV relay.
        AddOptions<TranscodeOptions>(services, TranscodeOptions.SectionName);
        AddOptions<FlvRelayOptions>(services, FlvRelayOptions.SectionName);
        services.AddSingleton(new LivePaths(data.Path));
        services.AddSingleton<FlvRelayRegistry>();
        services.AddSingleton<ILiveSessionListener, GrainLiveSessionListener>();
        services.AddSingleton<LiveSessionManager>();
        services.AddHostedService(sp => sp.GetRequiredService<LiveSessionManager>());
        services.AddSingleton<IIngestGate, GrainIngestGate>();
        services.AddSingleton<RtmpServer>();
        services.AddHostedService(sp => sp.GetRequiredService<RtmpServer>());
        services.AddHostedService<EndedRoomWatcher>();
        services.AddHostedService<IngestRecoverySweep>();
        services.AddSingleton<OnAirRooms>();
        services.AddSingleton<LiveFileCleanup>();

        // Recordings: made by a Hangfire job (in-memory storage; the durable outbox re-enqueues at start),
        // stored in the media store (a folder here, Azure Blob Storage in cluster mode).
        services.AddLiveRoomMediaStore(builder.Configuration, data.Path);
        services.AddSingleton<RecordingMaker>();
        services.AddTransient<RecordingJob>();
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
            // Recordings copy streams (little CPU): two at once, so one slow job cannot hold up another room's.
            server.WorkerCount = 2;
            // Retries come on time (the default looks for due jobs every 15 s).
            server.SchedulePollingInterval = TimeSpan.FromSeconds(1);
        });
        services.AddHostedService<OutboxDispatcher>();
        services.AddSingleton<BannerConsole>();
        services.AddHostedService<StartupBanner>();
        return builder;
    }

    public static WebApplication UseLiveRoom(this WebApplication app)
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
        app.MapOperationsApi();
        app.MapAuthApi();
        app.MapStaffApi();
        app.MapRoomsApi();
        app.MapPages();
        app.MapLiveApi();
        app.MapMediaApi();
        // The jobs dashboard: staff only, through the console's sign-in cookie; read-only but for admins.
        app.MapHangfireDashboard("/jobs", RequestSecurityExtensions.JobsDashboardOptions())
            .RequireAuthorization(Roles.StaffPagePolicy);
        app.MapHub<RoomHub>("/hubs/room", hub => hub.Transports = HttpTransportType.WebSockets | HttpTransportType.ServerSentEvents | HttpTransportType.LongPolling);
        return app;
    }

    private static void AddOptions<T>(IServiceCollection services, string section)
        where T : class =>
        services.AddOptions<T>().BindConfiguration(section).ValidateDataAnnotations().ValidateOnStart();
}
