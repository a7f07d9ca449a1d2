namespace LiveRoom.Contracts.Webhooks;

/// <summary>
/// Publishes an event to the CRM webhooks. The event and one delivery per enabled endpoint that subscribes to
/// its type are written to the database before this returns; sending happens in the background, with retries.
/// Publishing never throws: a failed write is logged and that event is lost, but the caller's action stands.
/// </summary>
public interface IWebhookEvents
{
    /// <summary>Publishes <paramref name="data"/> (serialised as JSON, camelCase) as an event of <paramref name="type"/> (see <see cref="WebhookEventTypes"/>).</summary>
    Task PublishAsync(string type, object data, CancellationToken cancellationToken = default);
}
