using LiveRoom.Contracts.Recordings;
using LiveRoom.Media.Recording;
using LiveRoom.Server.Jobs;
using LiveRoom.Server.Startup;
using LiveRoom.Storage.Media;

namespace LiveRoom.Server.Recordings;

/// <summary>
/// Recordings of rooms: made by a background job once a room has ended, stored in the media store (a folder,
/// or Azure Blob Storage in cluster mode) and served from it with range requests.
/// </summary>
public static class RecordingsFeature
{
    public static WebApplicationBuilder AddRecordings(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var data = new DataDirectory(builder.Configuration.GetSection(LiveRoomOptions.SectionName).Get<LiveRoomOptions>()?.DataDirectory ?? new LiveRoomOptions().DataDirectory);
        services.AddLiveRoomMediaStore(builder.Configuration, data.Path);
        services.AddSingleton<RecordingMaker>();
        services.AddOutboxJob<RecordingJob>(RecordingJobs.Room);
        return builder;
    }

    public static WebApplication MapRecordings(this WebApplication app)
    {
        app.MapMediaApi();
        return app;
    }
}
