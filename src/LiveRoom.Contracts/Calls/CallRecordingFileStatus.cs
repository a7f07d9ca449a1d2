namespace LiveRoom.Contracts.Calls;

/// <summary>Where the making of a call's recording (the MP4 joined from its takes) stands.</summary>
[GenerateSerializer, Alias("LiveRoom.CallRecordingFileStatus")]
public enum CallRecordingFileStatus
{
    /// <summary>The call ended with a recording; the job is joining its takes.</summary>
    Processing,

    /// <summary>The MP4 is stored and can be played.</summary>
    Ready,

    /// <summary>Every attempt failed: there is no MP4.</summary>
    Failed,
}
