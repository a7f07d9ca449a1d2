namespace LiveRoom.Contracts.Calls;

/// <summary>A viewer asks to talk privately.</summary>
[GenerateSerializer, Immutable, Alias("LiveRoom.QueueRequest")]
public sealed record QueueRequest(
    [property: Id(0)] string ViewerId,
    [property: Id(1)] string DisplayName,
    [property: Id(2)] string? Topic);
