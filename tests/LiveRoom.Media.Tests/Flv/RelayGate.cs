using System.Collections.Concurrent;
using LiveRoom.Media.Flv;
using LiveRoom.Media.Ingest;

namespace LiveRoom.Media.Tests.Flv;

/// <summary>
/// An ingest gate that admits one key per room and feeds each admitted publisher into the room's
/// <see cref="FlvRelay"/> through <see cref="FlvRelayRegistry.Attach"/>, as the server does.
/// </summary>
public sealed class RelayGate(FlvRelayRegistry registry) : IIngestGate
{
    private readonly ConcurrentDictionary<string, string> _keys = new();
    private readonly ConcurrentDictionary<string, ObservedSession> _sessions = new();

    public FlvRelayRegistry Registry { get; } = registry;

    public void Allow(string roomId, string streamKey) => _keys[roomId] = streamKey;

    /// <summary>The session of a room, once its publisher is admitted (the relay already exists then).</summary>
    public ObservedSession SessionOf(string roomId) => _sessions.GetOrAdd(roomId, id => new ObservedSession(id));

    public ValueTask<IngestAdmission> AdmitAsync(string roomId, string streamKey, string peer, CancellationToken cancellationToken)
    {
        if (!_keys.TryGetValue(roomId, out var expected) || expected != streamKey)
        {
            return ValueTask.FromResult(IngestAdmission.Refuse("Wrong stream key."));
        }

        var session = SessionOf(roomId);
        var relayed = Registry.Attach(session);
        session.MarkAdmitted();
        return ValueTask.FromResult(IngestAdmission.Admit(relayed));
    }

    /// <summary>What the relay's inner session saw: tags reach it after the relay has them.</summary>
    public sealed class ObservedSession(string roomId) : IPublishSession
    {
        private readonly TaskCompletionSource _admitted = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource<uint> _secondKeyframe = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource<(bool Graceful, string Reason)> _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _keyframes;

        public string RoomId { get; } = roomId;

        public Task Admitted => _admitted.Task;

        /// <summary>The timestamp of the publisher's second keyframe, once the relay has it.</summary>
        public Task<uint> SecondKeyframe => _secondKeyframe.Task;

        public Task<(bool Graceful, string Reason)> Ended => _ended.Task;

        /// <summary>The timestamps of the publisher's keyframes so far.</summary>
        public ConcurrentQueue<uint> Keyframes { get; } = new();

        public ValueTask WriteAsync(FlvTag tag, CancellationToken cancellationToken)
        {
            if (!tag.IsKeyframe || tag.IsSequenceHeader || tag.Data.Length < 2 || tag.Data.Span[1] != 1) return ValueTask.CompletedTask;
            Keyframes.Enqueue(tag.Timestamp);
            if (Interlocked.Increment(ref _keyframes) == 2) _secondKeyframe.TrySetResult(tag.Timestamp);
            return ValueTask.CompletedTask;
        }

        public ValueTask EndAsync(bool graceful, string reason)
        {
            _ended.TrySetResult((graceful, reason));
            _secondKeyframe.TrySetException(new InvalidOperationException($"The publish ended before a second keyframe: {reason}"));
            return ValueTask.CompletedTask;
        }

        internal void MarkAdmitted() => _admitted.TrySetResult();
    }
}
