namespace LiveRoom.Contracts.Webhooks;

/// <summary>What an attempt needs: the delivery, the exact body to send (the same on every attempt), and where and with what to sign.</summary>
public sealed record WebhookDispatch(
    string DeliveryId,
    string EventId,
    string EndpointId,
    string Url,
    string Body,
    int Attempts,
    WebhookDeliveryStatus Status,
    bool EndpointEnabled,
    WebhookSigningKeys Keys);
