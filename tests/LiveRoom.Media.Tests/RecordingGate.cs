using System.Collections.Concurrent;
using LiveRoom.Media.Flv;
using LiveRoom.Media.Ingest;

namespace LiveRoom.Media.Tests;

/// <summary>An ingest gate that admits one key per room and records what each admitted publisher sent.</summary>
public sealed class RecordingGate : IIngestGate
{
    private readonly ConcurrentDictionary<string, string> _keys = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource<RecordingSession>> _admitted = new();

    public ConcurrentQueue<RecordingSession> Sessions { get; } = new();

    public TaskCompletionSource<RecordingSession> FirstEnded { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Allow(string roomId, string streamKey) => _keys[roomId] = streamKey;

    /// <summary>Completes when a publisher of <paramref name="roomId"/> is admitted.</summary>
    public Task<RecordingSession> AdmittedAsync(string roomId) => Admitted(roomId).Task;

    public ValueTask<IngestAdmission> AdmitAsync(string roomId, string streamKey, string peer, CancellationToken cancellationToken)
    {
        if (!_keys.TryGetValue(roomId, out var expected) || expected != streamKey)
        {
            return ValueTask.FromResult(IngestAdmission.Refuse("Wrong stream key."));
        }

        var session = new RecordingSession(roomId, this);
        Sessions.Enqueue(session);
        Admitted(roomId).TrySetResult(session);
        return ValueTask.FromResult(IngestAdmission.Admit(session));
    }

    private TaskCompletionSource<RecordingSession> Admitted(string roomId) =>
        _admitted.GetOrAdd(roomId, _ => new TaskCompletionSource<RecordingSession>(TaskCreationOptions.RunContinuationsAsynchronously));

    public sealed class RecordingSession(string roomId, RecordingGate gate) : IPublishSession
    {
        public string RoomId { get; } = roomId;

        public ConcurrentQueue<FlvTag> Tags { get; } = new();

        private readonly TaskCompletionSource<(bool Graceful, string Reason)> _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<(bool Graceful, string Reason)> Ended => _ended.Task;

        public ValueTask WriteAsync(FlvTag tag, CancellationToken cancellationToken)
        {
            Tags.Enqueue(tag with { Data = tag.Data.ToArray() });
            return ValueTask.CompletedTask;
        }

        public ValueTask EndAsync(bool graceful, string reason)
        {
            _ended.TrySetResult((graceful, reason));
            gate.FirstEnded.TrySetResult(this);
            return ValueTask.CompletedTask;
        }
    }
}
