using LiveRoom.Contracts.Questions;
using LiveRoom.Contracts.Webhooks;

namespace LiveRoom.Grains.Rooms;

/// <summary>
/// The room's events for the CRM webhooks (docs/WEBHOOKS.md). Each is written before the grain goes on;
/// publishing never fails the action that caused it.
/// </summary>
public sealed partial class RoomGrain
{
    private Task PublishRoomStartedAsync() =>
        _webhooks.PublishAsync(WebhookEventTypes.RoomStarted, new RoomStartedData(RoomId, _state.State.Title, _state.State.LiveSince ?? _time.GetUtcNow()));

    private Task PublishRoomEndedAsync() =>
        _webhooks.PublishAsync(
            WebhookEventTypes.RoomEnded,
            new RoomEndedData(RoomId, _state.State.Title, _state.State.LiveSince, _state.State.EndedAt ?? _time.GetUtcNow(), _lastChatSequence, _questions.Count));

    private Task PublishQuestionAskedAsync(Question question) =>
        _webhooks.PublishAsync(
            WebhookEventTypes.QuestionAsked,
            new QuestionAskedData(RoomId, _state.State.Title, question.Id, question.Text, question.AskedBy.Id, question.AskedBy.DisplayName, question.AskedAt));
}
