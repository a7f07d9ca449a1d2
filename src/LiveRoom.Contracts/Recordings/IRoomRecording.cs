
namespace LiveRoom.Contracts.Recordings;

/// <summary>How the recording job reports on the room's recording. A role of the room grain (key: room id).</summary>
[Alias("LiveRoom.IRoomRecording")]
public interface IRoomRecording : IGrainWithStringKey
{
    /// <summary>How far the recording job has got (0–1), shown while the recording is being made.</summary>
    [Alias("ReportRecordingProgress")]
    Task ReportRecordingProgressAsync(double progress);

    /// <summary>There will be no recording (nothing was streamed, or every attempt failed): stop showing progress.</summary>
    [Alias("RecordingUnavailable")]
    Task RecordingUnavailableAsync();

    /// <summary>The recording is stored and may be offered for replay.</summary>
    [Alias("SetRecording")]
    Task SetRecordingAsync(RecordingInfo recording);
}
