namespace LiveRoom.Contracts.Webhooks;

/// <summary>
/// How an attempt went. <see cref="NextAttemptAt"/> null on a failure means the delivery has failed for good;
/// <see cref="DisableEndpoint"/> (410 Gone) turns the endpoint off with that reason.
/// </summary>
public sealed record WebhookAttemptResult(
    bool Succeeded,
    int? StatusCode,
    string? Error,
    int DurationMs,
    DateTimeOffset At,
    DateTimeOffset? NextAttemptAt,
    string? DisableEndpoint);
