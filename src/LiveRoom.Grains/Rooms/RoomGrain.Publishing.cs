using LiveRoom.Contracts.Common;
using LiveRoom.Contracts.Delivery;
using LiveRoom.Contracts.Live;
using LiveRoom.Contracts.Rooms;

namespace LiveRoom.Grains.Rooms;

/// <summary>The publisher starting and stopping, and the grace period after which an interrupted room ends.</summary>
public sealed partial class RoomGrain
{
    public Task<Outcome<PublishGrant>> StartPublishingAsync(string streamKey, string sessionId) =>
        StartPublishingFromAsync(streamKey, sessionId, ThisNode, null);

    public async Task<Outcome<PublishGrant>> StartPublishingFromAsync(string streamKey, string sessionId, string ingestNode, INodeObserver? ingestListener)
    {
        var state = _state.State;
        if (!state.Exists) return Outcome<PublishGrant>.From(Refusals.RoomNotFound);
        if (state.Status == RoomStatus.Ended) return Outcome<PublishGrant>.From(Refusals.RoomEnded);
        if (!RoomIds.StreamKeysMatch(state.StreamKey, streamKey ?? string.Empty))
        {
            ReportWrongStreamKey();
            return Outcome<PublishGrant>.Refused(RefusalCode.NotAllowed, "Wrong stream key.");
        }

        if (state.Status == RoomStatus.Live && state.PublishingSession is not null && state.PublishingSession != sessionId)
        {
            // The recorded publisher's node may be gone (a crash leaves no goodbye): then this one takes over.
            if (!await IngestGoneAsync()) return Outcome<PublishGrant>.Refused(RefusalCode.AlreadyDone, "Someone is already publishing to this room.");
            await InterruptAsync(lostIngest: true);
        }

        var resumed = state.Status == RoomStatus.Interrupted;
        var firstTime = state.LiveSince is null;
        var now = _time.GetUtcNow();
        state.Status = RoomStatus.Live;
        state.PublishingSession = sessionId;
        state.IngestNode = ingestNode;
        _ingestListener = ingestListener;
        state.InterruptedAt = null;
        state.LiveSince ??= now;
        _graceTimer?.Dispose();
        _graceTimer = null;
        await _state.WriteStateAsync();
        await _records.UpsertRoomAsync(ToRecord());
        _pending.SetStatus(RoomStatus.Live);
        Flush();
        Log.Live(_logger, RoomId, resumed);
        if (firstTime) await PublishRoomStartedAsync();
        return Outcome<PublishGrant>.Ok(new PublishGrant(resumed, state.LiveSince.Value));
    }

    /// <summary>
    /// Tells the ingest node to close the publisher of <paramref name="sessionId"/> at once. The node's own
    /// check (<see cref="IsPublishingAsync"/>) catches what this misses: a listener lost with a reactivation.
    /// </summary>
    private void ClosePublisher(string sessionId, PublisherStopReason reason) =>
        _ = _ingestListener?.OnPublisherStopAsync(new PublisherStop(RoomId, sessionId, reason));

    public async Task StopPublishingAsync(string sessionId)
    {
        var state = _state.State;
        if (!state.Exists || state.Status != RoomStatus.Live || state.PublishingSession != sessionId) return;
        await InterruptAsync(lostIngest: false);
    }

    /// <summary>Ends an interrupted room once its grace period has passed (also after a restart of the grain).</summary>
    private void ArmGraceTimer()
    {
        var interruptedAt = _state.State.InterruptedAt ?? _time.GetUtcNow();
        var due = interruptedAt + TimeSpan.FromSeconds(_live.GracePeriodSeconds) - _time.GetUtcNow();
        _graceTimer?.Dispose();
        _graceTimer = this.RegisterGrainTimer(EndAfterGraceAsync, new GrainTimerCreationOptions(due > TimeSpan.Zero ? due : TimeSpan.Zero, Timeout.InfiniteTimeSpan) { KeepAlive = true });
    }

    private async Task EndAfterGraceAsync(CancellationToken cancellationToken)
    {
        if (_state.State.Status != RoomStatus.Interrupted) return;
        Log.GraceExpired(_logger, RoomId);
        await EndAsync();
    }
}
