using System.Runtime.Serialization;

namespace LiveRoom.Contracts.Calls;

/// <summary>How long a viewer may still wait, as a range (seconds).</summary>
[GenerateSerializer, Immutable, Alias("LiveRoom.WaitEstimate")]
[DataContract]
public sealed record WaitEstimate(
    [property: Id(0), DataMember(Name = "minSeconds")] int MinSeconds,
    [property: Id(1), DataMember(Name = "maxSeconds")] int MaxSeconds)
{
    /// <summary>The middle of the range, the single figure the contract names <c>estimatedWaitSeconds</c>.</summary>
    [System.Text.Json.Serialization.JsonIgnore, IgnoreDataMember]
    public int Middle => (MinSeconds + MaxSeconds) / 2;
}
