namespace LiveRoom.Contracts.Webhooks;

/// <summary>The CRM endpoints (admin API), kept in the business database with their signing secrets.</summary>
public interface IWebhookEndpoints
{
    Task<WebhookEndpoint> CreateAsync(string id, string url, IReadOnlyList<string> events, string secret, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<WebhookEndpoint>> ListAsync(CancellationToken cancellationToken = default);

    Task<WebhookEndpoint?> GetAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Applies <paramref name="change"/>; null when there is no such endpoint. Enabling clears the reason it was disabled.</summary>
    Task<WebhookEndpoint?> UpdateAsync(string id, WebhookEndpointChange change, CancellationToken cancellationToken = default);

    /// <summary>Deletes the endpoint and its deliveries; false when there was none.</summary>
    Task<bool> DeleteAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Makes <paramref name="secret"/> current; the one it replaces stays valid until <paramref name="previousExpiresAt"/>.</summary>
    Task<WebhookEndpoint?> RotateSecretAsync(string id, string secret, DateTimeOffset previousExpiresAt, CancellationToken cancellationToken = default);
}
