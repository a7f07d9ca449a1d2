using Hangfire;
using LiveRoom.Contracts.Calls;
using LiveRoom.Contracts.Jobs;
using LiveRoom.Grains.Calls;
using LiveRoom.Media.Recording;
using LiveRoom.Server.Jobs;
using LiveRoom.Server.Startup;
using LiveRoom.Storage.Media;
using Microsoft.Extensions.Options;

namespace LiveRoom.Server.Calls.Recording;

/// <summary>
/// Makes an ended call's recording: each take's chunks joined in order from the media store, the takes made
/// into one MP4, stored, and only then offered in the call's history (with the chunks that never arrived).
/// Takes ids only and is idempotent: a finished entry is not done again, and a retry starts from a clean
/// scratch folder. The chunks go once the MP4 is stored and the entry is done.
/// </summary>
public sealed partial class CallRecordingJob(
    CallRecordingMaker maker,
    IMediaStore store,
    IJobOutbox outbox,
    ICallRecords records,
    ICallRecordingChunks chunks,
    DataDirectory data,
    IOptions<CallOptions> options,
    TimeProvider time,
    ILogger<CallRecordingJob> logger) : IOutboxJob
{
    public const int Attempts = 3;

    [AutomaticRetry(Attempts = Attempts, DelaysInSeconds = [2, 10, 30], OnAttemptsExceeded = AttemptsExceededAction.Fail)]
    [JobDisplayName("Recording of call {1}")]
    public async Task RunAsync(string outboxId, string callId, CancellationToken cancellationToken)
    {
        var entry = await outbox.GetAsync(outboxId, cancellationToken);
        if (entry is null || entry.Status != OutboxStatus.Pending) return;
        // The recording agent may still hand over the last piece for a few seconds after the call ended.
        if ((await records.GetCallAsync(callId, cancellationToken))?.EndedAt is { } ended)
        {
            var tail = ended + TimeSpan.FromSeconds(options.Value.RecordingTailSeconds) - time.GetUtcNow();
            if (tail > TimeSpan.Zero) await Task.Delay(tail, time, cancellationToken);
        }

        var work = data.PathOf(Path.Combine("work", outboxId));
        if (Directory.Exists(work)) Directory.Delete(work, recursive: true);
        var stored = await chunks.ListAsync(callId, cancellationToken);
        var missing = Missing(stored);
        try
        {
            await records.SetRecordingAsync(callId, Processing(0, missing), cancellationToken);
            var lastReported = -1.0;
            var progress = new Progress<double>(fraction =>
            {
                if (fraction - lastReported < 0.05 && fraction < 1) return;
                lastReported = fraction;
                _ = outbox.SetProgressAsync(outboxId, fraction, CancellationToken.None);
                // Reports may arrive after the job is over: this write never undoes "ready" or "failed".
                _ = records.SetRecordingProgressAsync(callId, Math.Round(fraction, 3), CancellationToken.None);
            });

            Directory.CreateDirectory(work);
            var takes = new List<CallTakeFile>();
            foreach (var take in stored.GroupBy(c => c.Take).OrderBy(g => g.Key))
            {
                takes.Add(await JoinChunksAsync(callId, take.Key, [.. take.OrderBy(c => c.Seq)], work, cancellationToken));
            }

            var result = takes.Count == 0 ? null : await maker.MakeAsync(callId, takes, work, progress, cancellationToken);
            if (result is null)
            {
                Log.NothingRecorded(logger, callId);
                await records.SetRecordingAsync(callId, new CallRecordingInfo(CallRecordingFileStatus.Failed, 0, null, null, missing), cancellationToken);
                await outbox.MarkDoneAsync(outboxId, cancellationToken);
                return;
            }

            await using (var mp4 = File.OpenRead(result.Mp4Path)) await store.PutAsync(CallRecordingKeys.Mp4(callId), mp4, "video/mp4", cancellationToken);
            var ready = new CallRecordingInfo(CallRecordingFileStatus.Ready, 1, CallRecordingKeys.Url(callId), Math.Round(result.DurationSeconds, 3), missing);
            await records.SetRecordingAsync(callId, ready, cancellationToken);
            await outbox.MarkDoneAsync(outboxId, cancellationToken);
            Log.Made(logger, callId, takes.Count, ready.DurationSeconds ?? 0, missing.Count);
            await DeleteChunksAsync(callId, stored);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            var final = entry.Attempts + 1 >= Attempts + 1;
            await outbox.RecordFailureAsync(outboxId, ex.Message, final, CancellationToken.None);
            if (final) await records.SetRecordingAsync(callId, new CallRecordingInfo(CallRecordingFileStatus.Failed, 0, null, null, missing), CancellationToken.None);
            Log.Failed(logger, ex, callId, entry.Attempts + 1);
            throw;
        }
        finally
        {
            if (Directory.Exists(work)) Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>The places in each take that no chunk filled: every seq below the highest that arrived. (A lost last chunk leaves no gap to see.)</summary>
    internal static List<MissingChunk> Missing(IEnumerable<RecordingChunk> stored)
    {
        var missing = new List<MissingChunk>();
        foreach (var take in stored.GroupBy(c => c.Take).OrderBy(g => g.Key))
        {
            var seqs = take.Select(c => c.Seq).ToHashSet();
            for (var seq = 0; seq < seqs.Max(); seq++)
            {
                if (!seqs.Contains(seq)) missing.Add(new MissingChunk(take.Key, seq));
            }
        }

        return missing;
    }

    private static CallRecordingInfo Processing(double progress, IReadOnlyList<MissingChunk> missing) =>
        new(CallRecordingFileStatus.Processing, progress, null, null, missing);

    /// <summary>The take's chunks, in order, into one file: the byte stream the browser's recorder produced (gaps aside).</summary>
    private async Task<CallTakeFile> JoinChunksAsync(string callId, int take, IReadOnlyList<RecordingChunk> takeChunks, string work, CancellationToken cancellationToken)
    {
        var path = Path.Combine(work, $"take-{take}.webm");
        await using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 81920, useAsync: true);
        foreach (var chunk in takeChunks)
        {
            await using var media = await store.OpenReadAsync(CallRecordingKeys.Chunk(callId, take, chunk.Seq, chunk.Sha256), cancellationToken)
                ?? throw new InvalidOperationException($"Chunk {chunk.Seq} of take {take} of call {callId} is recorded but not in the media store.");
            await media.Content.CopyToAsync(file, cancellationToken);
        }

        return new CallTakeFile(take, path);
    }

    private async Task DeleteChunksAsync(string callId, IEnumerable<RecordingChunk> stored)
    {
        foreach (var chunk in stored)
        {
            try
            {
                await store.DeleteAsync(CallRecordingKeys.Chunk(callId, chunk.Take, chunk.Seq, chunk.Sha256), CancellationToken.None);
            }
            catch (Exception e) when (e is IOException or InvalidOperationException or Azure.RequestFailedException)
            {
                Log.ChunkNotDeleted(logger, callId, chunk.Take, chunk.Seq, e.Message);
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 9320, Level = LogLevel.Information, Message = "Call {CallId}: recording stored ({Takes} take(s), {DurationSeconds} s, {Missing} chunk(s) missing)")]
        public static partial void Made(ILogger logger, string callId, int takes, double durationSeconds, int missing);

        [LoggerMessage(EventId = 9321, Level = LogLevel.Warning, Message = "Call {CallId} ended with a recording, but nothing readable was uploaded")]
        public static partial void NothingRecorded(ILogger logger, string callId);

        [LoggerMessage(EventId = 9322, Level = LogLevel.Error, Message = "Recording of call {CallId} failed (attempt {Attempt}); it will be retried")]
        public static partial void Failed(ILogger logger, Exception exception, string callId, int attempt);

        [LoggerMessage(EventId = 9323, Level = LogLevel.Warning, Message = "Call {CallId}: chunk {Seq} of take {Take} could not be deleted: {Reason}")]
        public static partial void ChunkNotDeleted(ILogger logger, string callId, int take, int seq, string reason);
    }
}
