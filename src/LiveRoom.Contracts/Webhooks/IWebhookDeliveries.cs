namespace LiveRoom.Contracts.Webhooks;

/// <summary>The durable delivery table the background sender works from.</summary>
public interface IWebhookDeliveries
{
    /// <summary>Deliveries newest first, optionally of one endpoint and in one status.</summary>
    Task<IReadOnlyList<WebhookDelivery>> ListAsync(string? endpointId, WebhookDeliveryStatus? status, int limit, CancellationToken cancellationToken = default);

    Task<WebhookDelivery?> GetAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Writes a <see cref="WebhookEventTypes.Ping"/> event for one endpoint only and returns its delivery.</summary>
    Task<WebhookDelivery?> AddTestEventAsync(string endpointId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Claims up to <paramref name="limit"/> pending deliveries of enabled endpoints that are due: each claimed
    /// one is not due again until <paramref name="claimUntil"/> (so a lost attempt is retried, and two senders
    /// never take the same one). Returns their ids.
    /// </summary>
    Task<IReadOnlyList<string>> ClaimDueAsync(DateTimeOffset claimUntil, int limit, CancellationToken cancellationToken = default);

    Task<WebhookDispatch?> GetDispatchAsync(string deliveryId, CancellationToken cancellationToken = default);

    /// <summary>Records an attempt on the delivery and on its endpoint's health.</summary>
    Task RecordAttemptAsync(string deliveryId, WebhookAttemptResult result, CancellationToken cancellationToken = default);

    /// <summary>Makes the delivery pending and due now (the same event, so the same webhook-id); null when there is none.</summary>
    Task<WebhookDelivery?> ResendAsync(string deliveryId, CancellationToken cancellationToken = default);
}
