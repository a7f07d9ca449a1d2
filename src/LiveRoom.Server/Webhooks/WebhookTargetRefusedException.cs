namespace LiveRoom.Server.Webhooks;

/// <summary>A delivery's connection was refused before it was made: the host is, or resolves to, an address webhooks may not reach.</summary>
public sealed class WebhookTargetRefusedException(string message) : Exception(message);
