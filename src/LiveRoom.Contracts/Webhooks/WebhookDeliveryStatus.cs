namespace LiveRoom.Contracts.Webhooks;

/// <summary>Where one event's delivery to one endpoint stands.</summary>
public enum WebhookDeliveryStatus
{
    /// <summary>Waiting for its first or next attempt (<see cref="WebhookDelivery.NextAttemptAt"/>).</summary>
    Pending = 0,

    /// <summary>The endpoint answered 2xx.</summary>
    Succeeded = 1,

    /// <summary>Every attempt of the retry schedule failed, or the endpoint answered 410 Gone.</summary>
    Failed = 2,
}
