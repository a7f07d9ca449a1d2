namespace LiveRoom.Contracts.Engagement;

/// <summary>One thing a viewer did in a room (see <see cref="EngagementKind"/>); <paramref name="Amount"/> is 1 but for watch seconds.</summary>
[GenerateSerializer, Immutable, Alias("LiveRoom.EngagementEvent")]
public sealed record EngagementEvent(
    [property: Id(0)] string RoomId,
    [property: Id(1)] string ViewerId,
    [property: Id(2)] EngagementKind Kind,
    [property: Id(3)] string? Subject,
    [property: Id(4)] int Amount,
    [property: Id(5)] DateTimeOffset At);
