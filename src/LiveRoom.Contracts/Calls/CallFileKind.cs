namespace LiveRoom.Contracts.Calls;

/// <summary>What a call's file is: one a participant shared, or a still an agent kept of the viewer's camera.</summary>
[GenerateSerializer, Alias("LiveRoom.CallFileKind")]
public enum CallFileKind
{
    File,
    Snapshot,
}
