using LiveRoom.Contracts.Live;
using LiveRoom.Grains.Live;
using LiveRoom.Media.Flv;
using LiveRoom.Media.Ingest;
using LiveRoom.Media.Live;
using LiveRoom.Media.Rtmp;
using LiveRoom.Media.Transcoding;
using LiveRoom.Server.Delivery;
using LiveRoom.Server.Startup;

namespace LiveRoom.Server.Live;

/// <summary>Live video: the RTMP ingest, the node-local sessions and their ffmpeg processes, the HTTP-FLV relay, HLS.</summary>
public static class LiveVideoFeature
{
    public static WebApplicationBuilder AddLiveVideo(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddLiveRoomOptions<LiveOptions>(LiveOptions.SectionName);
        services.AddLiveRoomOptions<RtmpServerOptions>(RtmpServerOptions.SectionName);
        services.AddLiveRoomOptions<TranscodeOptions>(TranscodeOptions.SectionName);
        services.AddLiveRoomOptions<FlvRelayOptions>(FlvRelayOptions.SectionName);
        services.AddSingleton(sp => new LivePaths(sp.GetRequiredService<DataDirectory>().Path));
        services.AddSingleton<FlvRelayRegistry>();
        services.AddSingleton<ILiveSessionListener, GrainLiveSessionListener>();
        services.AddSingleton<LiveSessionManager>();
        services.AddHostedService(sp => sp.GetRequiredService<LiveSessionManager>());
        services.AddSingleton<IIngestGate, GrainIngestGate>();
        services.AddSingleton<RtmpServer>();
        services.AddHostedService(sp => sp.GetRequiredService<RtmpServer>());
        services.AddSingleton<EndedRoomWatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<EndedRoomWatcher>());
        services.AddSingleton<INodeMessageHandler<PublisherStop>>(sp => sp.GetRequiredService<EndedRoomWatcher>());
        services.AddHostedService<IngestRecoverySweep>();
        services.AddSingleton<OnAirRooms>();
        services.AddSingleton<LiveFileCleanup>();
        return builder;
    }

    public static WebApplication MapLiveVideo(this WebApplication app)
    {
        app.MapLiveApi();
        return app;
    }
}
