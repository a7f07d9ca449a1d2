namespace LiveRoom.Contracts.Webhooks;

/// <summary>One event's delivery to one endpoint, with the outcome of its latest attempt.</summary>
public sealed record WebhookDelivery(
    string Id,
    string EventId,
    string EventType,
    string EndpointId,
    string EndpointUrl,
    WebhookDeliveryStatus Status,
    int Attempts,
    DateTimeOffset CreatedAt,
    DateTimeOffset? NextAttemptAt,
    DateTimeOffset? LastAttemptAt,
    int? LastStatusCode,
    string? LastError,
    int? LastDurationMs);
