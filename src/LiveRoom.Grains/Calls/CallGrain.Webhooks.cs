using LiveRoom.Contracts.Calls;
using LiveRoom.Contracts.Webhooks;

namespace LiveRoom.Grains.Calls;

/// <summary>The call's event for the CRM webhooks (docs/WEBHOOKS.md): <c>call.completed</c>, once, when a call an agent took ends.</summary>
public sealed partial class CallGrain
{
    private Task PublishCallCompletedAsync(int seconds)
    {
        var s = state.State;
        var people = s.Participants
            .Select(p => new WebhookPerson(p.Id, p.DisplayName, p.Role == CallRole.Agent ? "agent" : "viewer"))
            .ToArray();
        return webhooks.PublishAsync(
            WebhookEventTypes.CallCompleted,
            new CallCompletedData(CallId, s.RoomId, s.Topic, s.WaitingSince, s.StartedAt, s.EndedAt ?? time.GetUtcNow(), seconds, s.EndReason ?? "other", people));
    }
}
