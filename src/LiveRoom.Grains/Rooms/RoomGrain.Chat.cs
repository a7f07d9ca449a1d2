using LiveRoom.Contracts.Chat;
using LiveRoom.Contracts.Common;

namespace LiveRoom.Grains.Rooms;

/// <summary>Chat: posting a message (on disk before the caller hears it succeeded) and deleting one.</summary>
public sealed partial class RoomGrain
{
    public async Task<Outcome<ChatMessage>> PostChatAsync(Sender sender, string text)
    {
        if (Unavailable() is { } refusal) return Outcome<ChatMessage>.From(refusal);
        var checkedText = TextRules.Check(text, _chat.MaxMessageLength, "message");
        if (!checkedText.IsSuccess) return Outcome<ChatMessage>.From(checkedText.Refusal!);

        var sequence = ++_lastChatSequence;
        var message = new ChatMessage(SequenceId(sequence), RoomId, sender, checkedText.Value!, _time.GetUtcNow());
        await _records.AppendChatAsync(sequence, message);
        _recentChat.AddLast(message);
        while (_recentChat.Count > _chat.RecentChatCount) _recentChat.RemoveFirst();
        _pending.Add(message);
        ScheduleFlush();
        return Outcome<ChatMessage>.Ok(message);
    }

    public async Task<Outcome<string>> DeleteChatAsync(string messageId)
    {
        if (!_state.State.Exists) return Outcome<string>.From(Refusals.RoomNotFound);
        if (!TryParseSequence(messageId, out var sequence) || !await _records.MarkChatDeletedAsync(RoomId, sequence))
        {
            return Outcome<string>.From(Refusals.MessageNotFound);
        }

        for (var node = _recentChat.First; node is not null; node = node.Next)
        {
            if (node.Value.Id == messageId)
            {
                _recentChat.Remove(node);
                break;
            }
        }

        _pending.AddDeleted(messageId);
        ScheduleFlush();
        return Outcome<string>.Ok(messageId);
    }
}
