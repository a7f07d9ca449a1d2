using LiveRoom.Contracts.Delivery;

namespace LiveRoom.Contracts.Calls;

/// <summary>The <c>callFile</c> event: another participant shared a file (or kept a snapshot) in the call.</summary>
[GenerateSerializer, Immutable, Alias("LiveRoom.CallFileShared")]
public sealed record CallFileShared([property: Id(0)] CallFile File) : PersonalEvent;
