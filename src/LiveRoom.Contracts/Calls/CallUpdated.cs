using LiveRoom.Contracts.Delivery;

namespace LiveRoom.Contracts.Calls;

/// <summary>The <c>callUpdated</c> event: the call's participants changed (someone joined or left).</summary>
[GenerateSerializer, Immutable, Alias("LiveRoom.CallUpdated")]
public sealed record CallUpdated([property: Id(0)] CallInfo Call) : PersonalEvent;
