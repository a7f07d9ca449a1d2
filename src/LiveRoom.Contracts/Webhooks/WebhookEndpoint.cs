namespace LiveRoom.Contracts.Webhooks;

/// <summary>
/// A CRM endpoint as the admin API shows it: where events go, which, and how deliveries have been going.
/// It never carries the signing secret (that is shown once, at creation and at rotation).
/// </summary>
public sealed record WebhookEndpoint(
    string Id,
    string Url,
    IReadOnlyList<string> Events,
    bool Enabled,
    string? DisabledReason,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LastSuccessAt,
    DateTimeOffset? LastFailureAt,
    string? LastFailure,
    int ConsecutiveFailures,
    DateTimeOffset? PreviousSecretExpiresAt);
