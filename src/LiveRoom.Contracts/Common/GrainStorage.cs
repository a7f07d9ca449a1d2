namespace LiveRoom.Contracts.Common;

/// <summary>Names the grains and the storage that serves them agree on.</summary>
public static class GrainStorage
{
    /// <summary>The grain storage provider that keeps LiveRoom's grain state (rooms, viewers, calls).</summary>
    public const string Name = "liveroom";
}
