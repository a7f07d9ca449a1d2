namespace LiveRoom.Testing;

/// <summary>How a <see cref="WebhookReceiver"/> answers one request.</summary>
public sealed record WebhookReply(int Status, string? RetryAfter = null, string? Location = null, TimeSpan Delay = default)
{
    public static WebhookReply Ok { get; } = new(200);
}
