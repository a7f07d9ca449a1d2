namespace LiveRoom.Contracts.Webhooks;

/// <summary>What an update changes; a null member stays as it is.</summary>
public sealed record WebhookEndpointChange(string? Url, IReadOnlyList<string>? Events, bool? Enabled);
