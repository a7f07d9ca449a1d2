namespace LiveRoom.Contracts.Delivery;

/// <summary>
/// Something for one person only (a queue position, a call's signalling). Each capability derives its events
/// from this; the web node maps each event type to a client method of the hub.
/// </summary>
[GenerateSerializer, Alias("LiveRoom.PersonalEvent")]
public abstract record PersonalEvent;
