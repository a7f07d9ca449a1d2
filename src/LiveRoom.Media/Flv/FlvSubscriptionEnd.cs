namespace LiveRoom.Media.Flv;

/// <summary>Why a viewer's FLV stream ended.</summary>
public enum FlvSubscriptionEnd
{
    /// <summary>The publisher stopped: everything it sent was delivered first.</summary>
    PublisherEnded,

    /// <summary>The viewer fell more than <see cref="FlvRelayOptions.MaxSubscriberQueueBytes"/> behind; what was queued was discarded.</summary>
    TooSlow,

    /// <summary>The viewer's subscription was disposed (the HTTP request ended).</summary>
    Unsubscribed,
}
