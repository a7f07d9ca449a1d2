namespace LiveRoom.Contracts.Calls;

/// <summary>Where a call's recording stands. Nothing is recorded unless it is <see cref="Recording"/>.</summary>
[GenerateSerializer, Alias("LiveRoom.RecordingState")]
public enum RecordingState
{
    /// <summary>Nobody asked to record.</summary>
    Off,

    /// <summary>An agent asked; waiting for every other participant to agree.</summary>
    Requested,

    /// <summary>Everyone agreed: the recording runs.</summary>
    Recording,

    /// <summary>Someone declined or withdrew (or a new participant joined): not recording.</summary>
    Stopped,
}
