namespace LiveRoom.Contracts.Webhooks;

/// <summary>The secrets an endpoint's deliveries are signed with now: the current one, and the previous one while a rotation overlaps.</summary>
public sealed record WebhookSigningKeys(string Current, string? Previous, DateTimeOffset? PreviousExpiresAt)
{
    /// <summary>The secrets valid at <paramref name="now"/>, current first.</summary>
    public IReadOnlyList<string> ValidAt(DateTimeOffset now) =>
        Previous is not null && PreviousExpiresAt > now ? [Current, Previous] : [Current];
}
