namespace LiveRoom.Contracts.Recordings;

/// <summary>The outbox kinds of the recording jobs.</summary>
public static class RecordingJobs
{
    /// <summary>The job that makes a room's recording once it has ended (subject: the room id).</summary>
    public const string Room = "recording";
}
