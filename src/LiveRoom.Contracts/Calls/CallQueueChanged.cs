using LiveRoom.Contracts.Delivery;

namespace LiveRoom.Contracts.Calls;

/// <summary>The <c>callQueue</c> event: every waiting entry of every room an agent watches.</summary>
[GenerateSerializer, Immutable, Alias("LiveRoom.CallQueueChanged")]
public sealed record CallQueueChanged([property: Id(0)] IReadOnlyList<QueueEntry> Entries) : PersonalEvent;
