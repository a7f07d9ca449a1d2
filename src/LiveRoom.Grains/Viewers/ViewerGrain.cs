using LiveRoom.Contracts.Chat;
using LiveRoom.Contracts.Common;
using LiveRoom.Contracts.Engagement;
using LiveRoom.Contracts.Questions;
using LiveRoom.Contracts.Rooms;
using LiveRoom.Contracts.Viewers;
using LiveRoom.Grains.Chat;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LiveRoom.Grains.Viewers;

/// <summary>
/// One person in one room. Checks what is theirs to check (registered, not banned, not muted, within their
/// rate) and hands the rest to the room grain, which owns ordering and the text rules.
/// </summary>
public sealed partial class ViewerGrain : Grain, IViewerGrain
{
    private const int MaxRememberedAddresses = 4;

    private readonly IPersistentState<ViewerState> _state;
    private readonly ChatOptions _options;
    private readonly TimeProvider _time;
    private readonly IEngagementLog _engagement;
    private readonly ILogger<ViewerGrain> _logger;
    private TokenBucket? _chatRate;
    private TokenBucket? _questionRate;
    private ViewerGate? _gate;

    public ViewerGrain(
        [PersistentState("viewer", GrainStorage.Name)] IPersistentState<ViewerState> state,
        IOptions<ChatOptions> options,
        TimeProvider time,
        IEngagementLog engagement,
        ILogger<ViewerGrain> logger)
    {
        _state = state;
        _options = options.Value;
        _time = time;
        _engagement = engagement;
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

    public async Task<Participant> RegisterViewerAsync(string displayName, string address)
    {
        if (!_state.State.Exists) _state.State.IssuedFrom = address;
        _gate = null;
        return await RegisterAsync(displayName, ParticipantRole.Viewer);
    }

    public Task<Participant?> GetAsync() => Task.FromResult(_state.State.Exists ? Me() : null);

    public Task<Outcome<RoomSnapshot>> JoinAsync() => JoinFromAsync(null);

    public async Task<Outcome<RoomSnapshot>> JoinFromAsync(string? address)
    {
        if (Refuse() is { } refusal) return Outcome<RoomSnapshot>.From(refusal);
        if (IsViewer)
        {
            if (address is not null) await RememberAddressAsync(address);
            if (await Room.CheckViewerAsync(Gate(), speaking: false) is { } banned) return Outcome<RoomSnapshot>.From(banned);
        }

        var snapshot = await Room.GetSnapshotAsync(Me());
        if (snapshot.IsSuccess) Count(EngagementKind.Join);
        return snapshot;
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

        if (!IsViewer) return await Room.PostChatAsync(Me().AsSender(), text);
        var posted = await Room.PostViewerChatAsync(Me().AsSender(), text, Gate());
        if (posted.IsSuccess) Count(EngagementKind.Chat);
        return posted;
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

        if (IsViewer && await Room.CheckViewerAsync(Gate(), speaking: true) is { } gated) return Outcome<Question>.From(gated);

        var asked = await Room.AskQuestionAsync(Me().AsAuthor(), text);
        if (asked.IsSuccess) Count(EngagementKind.Question, asked.Value!.Id);
        return asked;
    }

    public async Task<Outcome<Question>> UpvoteAsync(string questionId)
    {
        if (Refuse() is { } refusal) return Outcome<Question>.From(refusal);
        var voted = await Room.UpvoteAsync(questionId, Key.ParticipantId);
        if (voted.IsSuccess) Count(EngagementKind.Upvote, questionId);
        return voted;
    }

    public Task RecordAsync(EngagementKind kind, string? subject = null, int amount = 1)
    {
        if (amount > 0) Count(kind, subject, amount);
        return Task.CompletedTask;
    }

    /// <summary>Counts what a viewer did (staff and people who never joined are not counted).</summary>
    private void Count(EngagementKind kind, string? subject = null, int amount = 1)
    {
        if (!_state.State.Exists || !IsViewer) return;
        _engagement.Add(new EngagementEvent(Key.RoomId, Key.ParticipantId, kind, subject, amount, _time.GetUtcNow()));
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

    public async Task<Outcome<Participant>> SetBannedAsync(bool banned)
    {
        if (!_state.State.Exists) return Outcome<Participant>.Refused(RefusalCode.NotFound, "There is no such viewer in this room.");
        if (!IsViewer) return Outcome<Participant>.Refused(RefusalCode.NotAllowed, "Staff cannot be banned.");
        var addresses = Gate().Addresses;
        if (addresses.Length > 0)
        {
            var bans = await Room.SetAddressesBannedAsync(addresses, banned);
            if (!bans.IsSuccess) return Outcome<Participant>.From(bans.Refusal!);
        }

        if (_state.State.Banned != banned)
        {
            _state.State.Banned = banned;
            await _state.WriteStateAsync();
            Log.BanChanged(_logger, Key.RoomId, Key.ParticipantId, banned, addresses.Length);
        }

        return Outcome<Participant>.Ok(Me());
    }

    private bool IsViewer => _state.State.Role == ParticipantRole.Viewer;

    /// <summary>What the room checks of this viewer on each message (built once, again when its networks change).</summary>
    private ViewerGate Gate() => _gate ??= BuildGate();

    private ViewerGate BuildGate()
    {
        var state = _state.State;
        string[] addresses = state.IssuedFrom is null ? [.. state.JoinedFrom] : [state.IssuedFrom, .. state.JoinedFrom];
        return new ViewerGate([.. addresses.Distinct(StringComparer.Ordinal)], state.RegisteredAt);
    }

    /// <summary>Keeps the few networks the identity joined from lately, so a ban reaches them too.</summary>
    private async Task RememberAddressAsync(string address)
    {
        var joined = _state.State.JoinedFrom;
        if (joined.Count > 0 && joined[^1] == address) return;
        // Joining from where the identity was issued (nearly every first join) adds nothing to ban: no write.
        if (joined.Count == 0 && address == _state.State.IssuedFrom) return;
        joined.Remove(address);
        joined.Add(address);
        _gate = null;
        while (joined.Count > MaxRememberedAddresses) joined.RemoveAt(0);
        await _state.WriteStateAsync();
    }

    private Refusal? Refuse(bool checkMuted = false) =>
        !_state.State.Exists ? Refusals.NotJoined
        : _state.State.Banned ? Refusals.Banned
        : checkMuted && _state.State.Muted ? Refusals.Muted
        : null;

    private Participant Me() => new(Key.ParticipantId, _state.State.DisplayName, _state.State.Role, _state.State.Muted, _state.State.Banned);

    private static partial class Log
    {
        [LoggerMessage(EventId = 1101, Level = LogLevel.Information, Message = "Room {RoomId}: {ParticipantId} refused: too many {What} too fast")]
        public static partial void RateLimited(ILogger logger, string roomId, string participantId, string what);

        [LoggerMessage(EventId = 1102, Level = LogLevel.Information, Message = "Room {RoomId}: {ParticipantId} muted = {Muted}")]
        public static partial void MuteChanged(ILogger logger, string roomId, string participantId, bool muted);

        [LoggerMessage(EventId = 1035, Level = LogLevel.Information, Message = "Room {RoomId}: {ParticipantId} banned = {Banned} with {AddressCount} client address(es)")]
        public static partial void BanChanged(ILogger logger, string roomId, string participantId, bool banned, int addressCount);
    }
}
