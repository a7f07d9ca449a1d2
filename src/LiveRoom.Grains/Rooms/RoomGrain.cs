using System.Globalization;
using LiveRoom.Contracts.Chat;
using LiveRoom.Contracts.Common;
using LiveRoom.Contracts.Delivery;
using LiveRoom.Contracts.Jobs;
using LiveRoom.Contracts.Live;
using LiveRoom.Contracts.Questions;
using LiveRoom.Contracts.Recordings;
using LiveRoom.Contracts.Rooms;
using LiveRoom.Contracts.Viewers;
using LiveRoom.Contracts.Webhooks;
using LiveRoom.Grains.Chat;
using LiveRoom.Grains.Delivery;
using LiveRoom.Grains.Live;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LiveRoom.Grains.Rooms;

/// <summary>
/// One room: the single writer of its chat order and Q&amp;A. Every accepted message or question is on disk
/// before the caller hears it succeeded. What happens is gathered into a <see cref="PendingFrame"/> and
/// sent as one frame per web node, at most once per frame interval (at once when the room was idle).
/// </summary>
public sealed partial class RoomGrain : Grain, IRoomGrain
{
    private readonly IPersistentState<RoomState> _state;
    private readonly IRoomRecords _records;
    private readonly IJobOutbox _outbox;
    private readonly IWebhookEvents _webhooks;
    private readonly ChatOptions _chat;
    private readonly FanoutOptions _fanout;
    private readonly LiveOptions _live;
    private readonly TimeProvider _time;
    private readonly ILogger<RoomGrain> _logger;

    private readonly LinkedList<ChatMessage> _recentChat = new();
    private readonly Dictionary<long, QuestionEntry> _questions = [];
    private readonly NodeRegistry _nodes = new();
    private readonly FrameBatcher _frames;
    private readonly PendingFrame _pending = new();
    private long _lastChatSequence;
    private long _lastQuestionSequence;
    private long _frameSequence;
    private IGrainTimer? _graceTimer;
    private INodeObserver? _ingestListener;
    private double? _recordingProgress;

    public RoomGrain(
        [PersistentState("room", GrainStorage.Name)] IPersistentState<RoomState> state,
        IRoomRecords records,
        IJobOutbox outbox,
        IWebhookEvents webhooks,
        IOptions<ChatOptions> chat,
        IOptions<FanoutOptions> fanout,
        IOptions<LiveOptions> live,
        TimeProvider time,
        ILogger<RoomGrain> logger)
    {
        _state = state;
        _records = records;
        _outbox = outbox;
        _webhooks = webhooks;
        _chat = chat.Value;
        _fanout = fanout.Value;
        _live = live.Value;
        _time = time;
        _logger = logger;
        _frames = new FrameBatcher(this, time, TimeSpan.FromMilliseconds(_fanout.FrameIntervalMilliseconds), SendFrame);
    }

    private string RoomId => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (_state.State.Exists)
        {
            await LoadRecordsAsync(cancellationToken);
            if (_state.State.Status == RoomStatus.Live && await IngestGoneAsync()) await InterruptAsync(lostIngest: true);
            else if (_state.State.Status == RoomStatus.Interrupted) ArmGraceTimer();
            // Idempotent: makes sure an ended room's recording job exists even if the process stopped
            // between ending the room and recording the job.
            if (_state.State.Status == RoomStatus.Ended && _state.State.Recording is null)
            {
                // The job's progress lives in the outbox, so it survives a restart of the grain or the process.
                var job = await _outbox.AddAsync(RecordingJobs.Room, RoomId, cancellationToken);
                _recordingProgress = job.Status == OutboxStatus.Pending && _state.State.LiveSince is not null ? job.Progress : null;
            }
        }

        this.RegisterGrainTimer(DropSilentNodesAsync, new GrainTimerCreationOptions(TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(15)) { KeepAlive = false });
    }

    public async Task<Outcome<RoomDetails>> CreateAsync(CreateRoomCommand command)
    {
        if (_state.State.Exists)
        {
            return Outcome<RoomDetails>.Refused(RefusalCode.AlreadyDone, "A room with this id exists already.");
        }

        var title = TextRules.Check(command.Title, 120, "title");
        if (!title.IsSuccess) return Outcome<RoomDetails>.From(title.Refusal!);
        string? description = null;
        if (!string.IsNullOrWhiteSpace(command.Description))
        {
            var checkedDescription = TextRules.Check(command.Description, 2_000, "description");
            if (!checkedDescription.IsSuccess) return Outcome<RoomDetails>.From(checkedDescription.Refusal!);
            description = checkedDescription.Value;
        }

        var state = _state.State;
        state.Exists = true;
        state.Title = title.Value!;
        state.Description = description;
        state.Status = RoomStatus.Scheduled;
        state.StreamKey = RoomIds.NewStreamKey(RoomId);
        state.CreatedBy = command.CreatedBy;
        state.CreatedAt = _time.GetUtcNow();
        state.ScheduledStart = command.ScheduledStart;
        await _state.WriteStateAsync();
        await _records.UpsertRoomAsync(ToRecord());
        Log.RoomCreated(_logger, RoomId, command.CreatedBy);
        return Outcome<RoomDetails>.Ok(Details());
    }

    public Task<RoomDetails?> GetDetailsAsync() => Task.FromResult(_state.State.Exists ? Details() : null);

    public async Task<Outcome<RoomDetails>> EndAsync()
    {
        if (!_state.State.Exists) return Outcome<RoomDetails>.From(Refusals.RoomNotFound);
        if (_state.State.Status == RoomStatus.Ended) return Outcome<RoomDetails>.Ok(Details());
        var publisher = _state.State.PublishingSession;
        _state.State.Status = RoomStatus.Ended;
        _state.State.EndedAt = _time.GetUtcNow();
        _state.State.PublishingSession = null;
        _graceTimer?.Dispose();
        _graceTimer = null;
        await _state.WriteStateAsync();
        await _records.UpsertRoomAsync(ToRecord());
        await _outbox.AddAsync(RecordingJobs.Room, RoomId);
        _recordingProgress = _state.State.LiveSince is null ? null : 0;
        _pending.SetStatus(RoomStatus.Ended);
        Flush();
        if (publisher is not null) ClosePublisher(publisher, PublisherStopReason.RoomEnded);
        Log.RoomEnded(_logger, RoomId);
        await PublishRoomEndedAsync();
        return Outcome<RoomDetails>.Ok(Details());
    }

    public Task<Outcome<RoomSnapshot>> GetSnapshotAsync(Participant? me)
    {
        if (!_state.State.Exists) return Task.FromResult(Outcome<RoomSnapshot>.From(Refusals.RoomNotFound));
        var questions = _questions.Values.Select(q => q.Question).Order(QuestionOrder.Instance).ToArray();
        var snapshot = new RoomSnapshot(Info(), _nodes.Total, [.. _recentChat], questions, me, new ChatLimits(_chat.MaxMessageLength, _chat.MaxQuestionLength, _chat.MaxAnswerLength), [.. _state.State.Shelf]);
        return Task.FromResult(Outcome<RoomSnapshot>.Ok(snapshot));
    }

    private Refusal? Unavailable() =>
        !_state.State.Exists ? Refusals.RoomNotFound
        : _state.State.Status == RoomStatus.Ended ? Refusals.RoomEnded
        : null;

    private async Task LoadRecordsAsync(CancellationToken cancellationToken)
    {
        _lastChatSequence = await _records.GetLastChatSequenceAsync(RoomId, cancellationToken);
        foreach (var message in await _records.LoadRecentChatAsync(RoomId, _chat.RecentChatCount, cancellationToken))
        {
            _recentChat.AddLast(message);
        }

        foreach (var stored in await _records.LoadQuestionsAsync(RoomId, cancellationToken))
        {
            _questions[stored.Sequence] = new QuestionEntry(stored.Sequence, stored.Question, stored.Voters);
            _lastQuestionSequence = Math.Max(_lastQuestionSequence, stored.Sequence);
        }
    }

    private RoomInfo Info()
    {
        var s = _state.State;
        return new RoomInfo(RoomId, s.Title, s.Description, s.Status, _nodes.Total, Playback.ForRoom(RoomId), s.ScheduledStart, s.CreatedAt, s.EndedAt,
            s.Recording, s.Recording is null && s.Status == RoomStatus.Ended ? _recordingProgress : null, s.LiveSince);
    }

    private RoomDetails Details() => new(Info(), _state.State.StreamKey, _state.State.CreatedBy);

    private RoomRecord ToRecord()
    {
        var s = _state.State;
        return new RoomRecord(RoomId, s.Title, s.Description, s.Status, s.CreatedBy, s.CreatedAt, s.ScheduledStart, s.EndedAt);
    }

    private static string SequenceId(long sequence) => sequence.ToString(CultureInfo.InvariantCulture);

    private static bool TryParseSequence(string id, out long sequence) =>
        long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out sequence) && sequence > 0;
}
