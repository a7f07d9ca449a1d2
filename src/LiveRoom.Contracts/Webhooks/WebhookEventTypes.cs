namespace LiveRoom.Contracts.Webhooks;

/// <summary>Every event type an endpoint can subscribe to: the one list, read by validation, docs and the console.</summary>
public static class WebhookEventTypes
{
    public const string RoomStarted = "room.started";
    public const string RoomEnded = "room.ended";
    public const string LeadCreated = "lead.created";
    public const string LeadUpdated = "lead.updated";

    /// <summary>Card clicks, batched: one event carries the clicks of a short while.</summary>
    public const string CardClicked = "card.clicked";
    public const string CallCompleted = "call.completed";
    public const string QuestionAsked = "question.asked";

    /// <summary>The test event an admin sends to one endpoint; not subscribable, always delivered to that endpoint.</summary>
    public const string Ping = "ping";

    public static IReadOnlyList<string> All { get; } = [RoomStarted, RoomEnded, LeadCreated, LeadUpdated, CardClicked, CallCompleted, QuestionAsked];

    public static bool IsSubscribable(string type) => All.Contains(type, StringComparer.Ordinal);
}
