using Hangfire;
using LiveRoom.Contracts.Common;
using LiveRoom.Contracts.Jobs;
using LiveRoom.Contracts.Recordings;
using LiveRoom.Media.Recording;
using LiveRoom.Server.Jobs;
using LiveRoom.Server.Live;
using LiveRoom.Server.Startup;
using LiveRoom.Storage.Media;

namespace LiveRoom.Server.Recordings;

/// <summary>
/// Makes an ended room's recording: MP4 and poster from the archive, stored in the media store, and only
/// then offered by the room. Takes ids only and is idempotent: a finished entry is not done again, and a
/// retry starts from a clean scratch folder. The room's live HLS files go once the job is over (they are
/// no longer served); its source archive only once the recording is stored, so a failed job can be retried.
/// </summary>
public sealed partial class RecordingJob(
    RecordingMaker maker,
    IMediaStore store,
    IJobOutbox outbox,
    IGrainFactory grains,
    DataDirectory data,
    LiveFileCleanup liveFiles,
    ILogger<RecordingJob> logger) : IOutboxJob
{
    public const int Attempts = 3;

    [AutomaticRetry(Attempts = Attempts, DelaysInSeconds = [2, 10, 30], OnAttemptsExceeded = AttemptsExceededAction.Fail)]
    [JobDisplayName("Recording of room {1}")]
    public async Task RunAsync(string outboxId, string roomId, CancellationToken cancellationToken)
    {
        var entry = await outbox.GetAsync(outboxId, cancellationToken);
        if (entry is null || entry.Status != OutboxStatus.Pending) return;
        var room = grains.Room(roomId);
        var work = data.PathOf(Path.Combine("work", outboxId));
        if (Directory.Exists(work)) Directory.Delete(work, recursive: true);
        try
        {
            var lastReported = -1.0;
            var progress = new Progress<double>(fraction =>
            {
                if (fraction - lastReported < 0.05 && fraction < 1) return;
                lastReported = fraction;
                _ = outbox.SetProgressAsync(outboxId, fraction, CancellationToken.None);
                _ = room.ReportRecordingProgressAsync(fraction);
            });
            var result = await maker.MakeAsync(roomId, work, progress, cancellationToken);
            if (result is null)
            {
                Log.NothingToRecord(logger, roomId);
                await outbox.MarkDoneAsync(outboxId, cancellationToken);
                await room.RecordingUnavailableAsync();
                liveFiles.Delete(roomId, archiveToo: false);
                return;
            }

            // Both files are stored before the room offers them: nobody sees half a recording.
            var mp4Key = $"recordings/{roomId}/{outboxId}.mp4";
            await using (var mp4 = File.OpenRead(result.Mp4Path)) await store.PutAsync(mp4Key, mp4, "video/mp4", cancellationToken);
            string? posterPath = null;
            if (result.PosterPath is not null)
            {
                var posterKey = $"recordings/{roomId}/{outboxId}.jpg";
                await using (var poster = File.OpenRead(result.PosterPath)) await store.PutAsync(posterKey, poster, "image/jpeg", cancellationToken);
                posterPath = MediaKeys.ServedPath(posterKey);
            }

            await room.SetRecordingAsync(new RecordingInfo(MediaKeys.ServedPath(mp4Key), posterPath, Math.Round(result.DurationSeconds, 3), result.Segments));
            await outbox.MarkDoneAsync(outboxId, cancellationToken);
            liveFiles.Delete(roomId, archiveToo: true);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            var final = entry.Attempts + 1 >= Attempts + 1;
            await outbox.RecordFailureAsync(outboxId, ex.Message, final, CancellationToken.None);
            if (final)
            {
                await room.RecordingUnavailableAsync();
                liveFiles.Delete(roomId, archiveToo: false);
            }

            Log.Failed(logger, ex, roomId, entry.Attempts + 1);
            throw;
        }
        finally
        {
            if (Directory.Exists(work)) Directory.Delete(work, recursive: true);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 8601, Level = LogLevel.Information, Message = "Room {RoomId} has no archive: no recording to make")]
        public static partial void NothingToRecord(ILogger logger, string roomId);

        [LoggerMessage(EventId = 8602, Level = LogLevel.Error, Message = "Recording of room {RoomId} failed (attempt {Attempt}); it will be retried")]
        public static partial void Failed(ILogger logger, Exception exception, string roomId, int attempt);
    }
}
