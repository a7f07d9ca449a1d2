using LiveRoom.Server.Auth;
using LiveRoom.Server.Calls;
using LiveRoom.Server.Channels;
using LiveRoom.Server.Calls.Items;
using LiveRoom.Server.Calls.Recording;
using LiveRoom.Server.Delivery;
using LiveRoom.Server.Diagnostics;
using LiveRoom.Server.Engagement;
using LiveRoom.Server.Funnel;
using LiveRoom.Server.Hubs;
using LiveRoom.Server.Jobs;
using LiveRoom.Server.Leads;
using LiveRoom.Server.Live;
using LiveRoom.Server.Pages;
using LiveRoom.Server.Products;
using LiveRoom.Server.Recordings;
using LiveRoom.Server.Rooms;
using LiveRoom.Server.Security;
using LiveRoom.Server.Startup;
using LiveRoom.Server.Webhooks;

await Program.Build(args).RunAsync();

/// <summary>The entry point. The tests build the same server through <see cref="Build"/>.</summary>
public partial class Program
{
    /// <summary>The shared core, then each capability. <paramref name="webRoot"/> overrides where the built pages are.</summary>
    public static WebApplication Build(string[] args, string? webRoot = null, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = LiveRoomHost.CreateBuilder(args, webRoot, configure);
        builder.AddLiveRoomCore();
        // The hub first: its refusal filter is then the outermost one and sees every other filter's refusals.
        builder.AddRoomHub();
        builder.AddStaffAccess();
        builder.AddLiveRoomSecurity();
        builder.AddDiagnostics();
        builder.AddDelivery();
        builder.AddRooms();
        builder.AddLiveVideo();
        builder.AddRecordings();
        builder.AddBackgroundJobs();
        builder.AddCalls();
        builder.AddCallItems();
        builder.AddCallRecording();
        builder.AddEngagement();
        builder.AddLeads();
        builder.AddChannels();
        builder.AddFunnel();
        builder.AddWebhooks();
        builder.AddProducts();

        var app = builder.Build();
        app.UseLiveRoomPipeline();
        app.MapDiagnostics();
        app.MapStaffAccess();
        app.MapRooms();
        app.MapPages();
        app.MapLiveVideo();
        app.MapRecordings();
        app.MapBackgroundJobs();
        app.MapCalls();
        app.MapCallItems();
        app.MapCallRecording();
        app.MapLeads();
        app.MapChannels();
        app.MapFunnel();
        app.MapWebhooks();
        app.MapProducts();
        app.MapRoomHub();
        return app;
    }
}
