using LiveRoom.Contracts.Calls;
using LiveRoom.Contracts.Recordings;
using LiveRoom.Media.Recording;
using LiveRoom.Server.Jobs;
using LiveRoom.Storage.Calls;

namespace LiveRoom.Server.Calls.Recording;

/// <summary>
/// Recording of calls: chunks uploaded by the recording agent's browser while everyone agrees, joined into one
/// MP4 by a background job once the call ends (see <see cref="CallRecordingJob"/>), served to staff who take calls.
/// </summary>
public static class CallRecordingFeature
{
    public static WebApplicationBuilder AddCallRecording(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<ICallRecordingChunks, SqlCallRecordingChunks>();
        services.AddSingleton<CallRecordingMaker>();
        services.AddOutboxJob<CallRecordingJob>(RecordingJobs.Call);
        return builder;
    }

    public static WebApplication MapCallRecording(this WebApplication app)
    {
        app.MapCallRecordingApi();
        return app;
    }
}
