using LiveRoom.Contracts.Delivery;

namespace LiveRoom.Contracts.Calls;

/// <summary>The <c>callStarted</c> event (the node adds the recipient's ICE servers).</summary>
[GenerateSerializer, Immutable, Alias("LiveRoom.CallStarted")]
public sealed record CallStarted([property: Id(0)] CallInfo Call) : PersonalEvent;
