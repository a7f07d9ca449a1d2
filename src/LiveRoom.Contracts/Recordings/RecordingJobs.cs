namespace LiveRoom.Contracts.Recordings;

/// <summary>The outbox kinds of the recording jobs.</summary>
public static class RecordingJobs
{
    /// <summary>The job that makes a room's recording once it has ended (subject: the room id).</summary>
    public const string Room = "recording";

    /// <summary>The job that joins a call's recorded takes into one MP4 once the call has ended (subject: the call id).</summary>
    public const string Call = "call-recording";
}
