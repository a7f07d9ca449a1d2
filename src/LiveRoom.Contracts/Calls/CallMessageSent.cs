using LiveRoom.Contracts.Delivery;

namespace LiveRoom.Contracts.Calls;

/// <summary>The <c>callMessage</c> event: another participant wrote in the call.</summary>
[GenerateSerializer, Immutable, Alias("LiveRoom.CallMessageSent")]
public sealed record CallMessageSent([property: Id(0)] CallMessage Message) : PersonalEvent;
