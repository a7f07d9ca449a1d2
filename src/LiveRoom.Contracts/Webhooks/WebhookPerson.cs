namespace LiveRoom.Contracts.Webhooks;

/// <summary>A person in an event: their LiveRoom id, the name they show, and their role (<c>viewer</c>, <c>agent</c>, …). Never contact details.</summary>
public sealed record WebhookPerson(string Id, string DisplayName, string Role);
