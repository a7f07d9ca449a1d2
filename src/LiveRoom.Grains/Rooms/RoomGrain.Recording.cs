using LiveRoom.Contracts.Recordings;

namespace LiveRoom.Grains.Rooms;

/// <summary>The recording made once a room has ended: its progress while it is being made, then the result.</summary>
public sealed partial class RoomGrain
{
    public Task ReportRecordingProgressAsync(double progress)
    {
        if (_state.State.Recording is null) _recordingProgress = Math.Clamp(progress, 0, 1);
        return Task.CompletedTask;
    }

    public Task RecordingUnavailableAsync()
    {
        _recordingProgress = null;
        return Task.CompletedTask;
    }

    public async Task SetRecordingAsync(RecordingInfo recording)
    {
        _state.State.Recording = recording;
        _recordingProgress = null;
        await _state.WriteStateAsync();
        Log.RecordingReady(_logger, RoomId, recording.DurationSeconds);
    }
}
