using LiveRoom.Contracts.Grains;
using LiveRoom.Contracts.Model;
using LiveRoom.Grains.Rules;
using LiveRoom.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LiveRoom.Grains.Viewers;

/// <summary>
/// One person in one room. Checks what is theirs to check (registered, not banned, not muted, within their
/// rate) and hands the rest to the room grain, which owns ordering and the text rules.
/// </summary>
public sealed partial class ViewerGrain : Grain, IViewerGrain
{
    private readonly IPersistentState<ViewerState> _state;
    private readonly ChatOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<ViewerGrain> _logger;
    private TokenBucket? _chatRate;
    private TokenBucket? _questionRate;

    public ViewerGrain(
        [PersistentState("viewer", StorageServiceCollectionExtensions.GrainStorageName)] IPersistentState<ViewerState> state,
        IOptions<ChatOptions> options,
        TimeProvider time,
        ILogger<ViewerGrain> logger)
    {
        _state = state;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    private (string RoomId, string ParticipantId) Key => GrainKeys.ParseViewer(this.GetPrimaryKeyString());

    private IRoomGrain Room => GrainFactory.Room(Key.RoomId);

    public async Task<Participant> RegisterAsync(string displayName, ParticipantRole role)
    {
        var state = _state.State;
        if (!state.Exists || state.DisplayName != displayName || state.Role != role)
        {
            if (!state.Exists) state.RegisteredAt = _time.GetUtcNow();
            state.Exists = true;
            state.DisplayName = displayName;
            state.Role = role;
            await _state.WriteStateAsync();
        }

        return Me();
    }

    public Task<Participant?> GetAsync() => Task.FromResult(_state.State.Exists ? Me() : null);

    public async Task<Outcome<RoomSnapshot>> JoinAsync()
    {
        if (Refuse() is { } refusal) return Outcome<RoomSnapshot>.From(refusal);
        return await Room.GetSnapshotAsync(Me());
    }

    public async Task<Outcome<ChatMessage>> SendChatAsync(string text)
    {
        if (Refuse(checkMuted: true) is { } refusal) return Outcome<ChatMessage>.From(refusal);
        var now = _time.GetUtcNow();
        _chatRate ??= new TokenBucket(_options.MessagesPerSecond, _options.Burst, now);
        if (!_chatRate.TryTake(now))
        {
            Log.RateLimited(_logger, Key.RoomId, Key.ParticipantId, "chat");
            return Outcome<ChatMessage>.From(Refusals.TooFast("messages"));
        }

        return await Room.PostChatAsync(Me().AsSender(), text);
    }

    public async Task<Outcome<Question>> AskQuestionAsync(string text)
    {
        if (Refuse(checkMuted: true) is { } refusal) return Outcome<Question>.From(refusal);
        var now = _time.GetUtcNow();
        _questionRate ??= new TokenBucket(_options.QuestionsPerMinute / 60.0, _options.QuestionBurst, now);
        if (!_questionRate.TryTake(now))
        {
            Log.RateLimited(_logger, Key.RoomId, Key.ParticipantId, "question");
            return Outcome<Question>.From(Refusals.TooFast("questions"));
        }

        return await Room.AskQuestionAsync(Me().AsAuthor(), text);
    }

    public async Task<Outcome<Question>> UpvoteAsync(string questionId)
    {
        if (Refuse() is { } refusal) return Outcome<Question>.From(refusal);
        return await Room.UpvoteAsync(questionId, Key.ParticipantId);
    }

    public async Task<Outcome<Participant>> SetMutedAsync(bool muted)
    {
        if (!_state.State.Exists) return Outcome<Participant>.Refused(RefusalCode.NotFound, "There is no such viewer in this room.");
        if (_state.State.Role != ParticipantRole.Viewer) return Outcome<Participant>.Refused(RefusalCode.NotAllowed, "Staff cannot be muted.");
        if (_state.State.Muted != muted)
        {
            _state.State.Muted = muted;
            await _state.WriteStateAsync();
            Log.MuteChanged(_logger, Key.RoomId, Key.ParticipantId, muted);
        }

        return Outcome<Participant>.Ok(Me());
    }

    private Refusal? Refuse(bool checkMuted = false) =>
        !_state.State.Exists ? Refusals.NotJoined
        : _state.State.Banned ? Refusals.Banned
        : checkMuted && _state.State.Muted ? Refusals.Muted
        : null;

    private Participant Me() => new(Key.ParticipantId, _state.State.DisplayName, _state.State.Role, _state.State.Muted);

    private static partial class Log
    {
        [LoggerMessage(EventId = 1101, Level = LogLevel.Information, Message = "Room {RoomId}: {ParticipantId} refused: too many {What} too fast")]
        public static partial void RateLimited(ILogger logger, string roomId, string participantId, string what);

        [LoggerMessage(EventId = 1102, Level = LogLevel.Information, Message = "Room {RoomId}: {ParticipantId} muted = {Muted}")]
        public static partial void MuteChanged(ILogger logger, string roomId, string participantId, bool muted);
    }
}
