using System.Globalization;
using LiveRoom.Contracts.Grains;
using LiveRoom.Contracts.Model;
using LiveRoom.Grains.Rules;
using LiveRoom.Storage;
using LiveRoom.Storage.Jobs;
using LiveRoom.Storage.Records;
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
    private readonly ChatOptions _chat;
    private readonly FanoutOptions _fanout;
    private readonly LiveOptions _live;
    private readonly TimeProvider _time;
    private readonly ILogger<RoomGrain> _logger;

    private readonly LinkedList<ChatMessage> _recentChat = new();
    private readonly Dictionary<long, QuestionEntry> _questions = [];
    private readonly Dictionary<string, NodeEntry> _nodes = new(StringComparer.Ordinal);
    private readonly PendingFrame _pending = new();
    private long _lastChatSequence;
    private long _lastQuestionSequence;
    private long _frameSequence;
    private long? _lastFlushTimestamp;
    private bool _flushScheduled;
    private IGrainTimer? _flushTimer;
    private int _viewerCount;
    private IGrainTimer? _graceTimer;
    private double? _recordingProgress;

    public RoomGrain(
        [PersistentState("room", StorageServiceCollectionExtensions.GrainStorageName)] IPersistentState<RoomState> state,
        IRoomRecords records,
        IJobOutbox outbox,
        IOptions<ChatOptions> chat,
        IOptions<FanoutOptions> fanout,
        IOptions<LiveOptions> live,
        TimeProvider time,
        ILogger<RoomGrain> logger)
    {
        _state = state;
        _records = records;
        _outbox = outbox;
        _chat = chat.Value;
        _fanout = fanout.Value;
        _live = live.Value;
        _time = time;
        _logger = logger;
    }

    /// <summary>The outbox kind of the job that makes a room's recording once it has ended.</summary>
    public const string RecordingJobKind = "recording";

    private string RoomId => this.GetPrimaryKeyString();

    private TimeSpan FrameInterval => TimeSpan.FromMilliseconds(_fanout.FrameIntervalMilliseconds);

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
                var job = await _outbox.AddAsync(RecordingJobKind, RoomId, cancellationToken);
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
        _state.State.Status = RoomStatus.Ended;
        _state.State.EndedAt = _time.GetUtcNow();
        _state.State.PublishingSession = null;
        _graceTimer?.Dispose();
        _graceTimer = null;
        await _state.WriteStateAsync();
        await _records.UpsertRoomAsync(ToRecord());
        await _outbox.AddAsync(RecordingJobKind, RoomId);
        _recordingProgress = _state.State.LiveSince is null ? null : 0;
        _pending.SetStatus(RoomStatus.Ended);
        Flush();
        Log.RoomEnded(_logger, RoomId);
        return Outcome<RoomDetails>.Ok(Details());
    }

    public async Task<Outcome<RoomDetails>> RotateStreamKeyAsync()
    {
        if (!_state.State.Exists) return Outcome<RoomDetails>.From(Refusals.RoomNotFound);
        if (_state.State.Status == RoomStatus.Ended) return Outcome<RoomDetails>.From(Refusals.RoomEnded);
        _state.State.StreamKey = RoomIds.NewStreamKey(RoomId);
        await _state.WriteStateAsync();
        Log.StreamKeyRotated(_logger, RoomId);
        return Outcome<RoomDetails>.Ok(Details());
    }

    public Task<Outcome<RoomSnapshot>> GetSnapshotAsync(Participant? me)
    {
        if (!_state.State.Exists) return Task.FromResult(Outcome<RoomSnapshot>.From(Refusals.RoomNotFound));
        var questions = _questions.Values.Select(q => q.Question).Order(QuestionOrder.Instance).ToArray();
        var snapshot = new RoomSnapshot(Info(), _viewerCount, [.. _recentChat], questions, me, new ChatLimits(_chat.MaxMessageLength, _chat.MaxQuestionLength, _chat.MaxAnswerLength));
        return Task.FromResult(Outcome<RoomSnapshot>.Ok(snapshot));
    }

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

    public async Task<Outcome<Question>> AskQuestionAsync(QuestionAuthor author, string text)
    {
        if (Unavailable() is { } refusal) return Outcome<Question>.From(refusal);
        var checkedText = TextRules.Check(text, _chat.MaxQuestionLength, "question");
        if (!checkedText.IsSuccess) return Outcome<Question>.From(checkedText.Refusal!);

        var sequence = ++_lastQuestionSequence;
        var question = new Question(SequenceId(sequence), RoomId, author, checkedText.Value!, 0, QuestionStatus.Open, false, null, _time.GetUtcNow(), null);
        await _records.SaveQuestionAsync(sequence, question);
        _questions[sequence] = new QuestionEntry(sequence, question, []);
        return Publish(question);
    }

    public async Task<Outcome<Question>> UpvoteAsync(string questionId, string voterId)
    {
        if (Unavailable() is { } refusal) return Outcome<Question>.From(refusal);
        if (!TryFindQuestion(questionId, out var entry)) return Outcome<Question>.From(Refusals.QuestionNotFound);
        if (entry.Question.Status != QuestionStatus.Open) return Outcome<Question>.From(Refusals.QuestionClosed);
        if (entry.Voters.Contains(voterId)) return Outcome<Question>.From(Refusals.AlreadyVoted);
        if (!await _records.AddVoteAsync(RoomId, entry.Sequence, voterId, _time.GetUtcNow()))
        {
            entry.Voters.Add(voterId);
            return Outcome<Question>.From(Refusals.AlreadyVoted);
        }

        entry.Voters.Add(voterId);
        entry.Question = entry.Question with { Votes = entry.Question.Votes + 1 };
        return Publish(entry.Question);
    }

    public async Task<Outcome<Question>> AnswerAsync(string questionId, string answer, Sender answeredBy)
    {
        if (!_state.State.Exists) return Outcome<Question>.From(Refusals.RoomNotFound);
        if (!TryFindQuestion(questionId, out var entry)) return Outcome<Question>.From(Refusals.QuestionNotFound);
        var checkedAnswer = TextRules.Check(answer, _chat.MaxAnswerLength, "answer");
        if (!checkedAnswer.IsSuccess) return Outcome<Question>.From(checkedAnswer.Refusal!);
        return await SaveAsync(entry, entry.Question with { Status = QuestionStatus.Answered, Answer = checkedAnswer.Value, AnsweredBy = answeredBy });
    }

    public async Task<Outcome<Question>> PinAsync(string questionId, bool pinned)
    {
        if (!_state.State.Exists) return Outcome<Question>.From(Refusals.RoomNotFound);
        if (!TryFindQuestion(questionId, out var entry)) return Outcome<Question>.From(Refusals.QuestionNotFound);
        if (pinned)
        {
            if (entry.Question.Status == QuestionStatus.Dismissed) return Outcome<Question>.From(Refusals.QuestionClosed);
            foreach (var other in _questions.Values.Where(q => q.Question.Pinned && q != entry).ToArray())
            {
                await SaveAsync(other, other.Question with { Pinned = false });
            }
        }

        return await SaveAsync(entry, entry.Question with { Pinned = pinned });
    }

    public async Task<Outcome<Question>> DismissAsync(string questionId)
    {
        if (!_state.State.Exists) return Outcome<Question>.From(Refusals.RoomNotFound);
        if (!TryFindQuestion(questionId, out var entry)) return Outcome<Question>.From(Refusals.QuestionNotFound);
        return await SaveAsync(entry, entry.Question with { Status = QuestionStatus.Dismissed, Pinned = false });
    }

    public Task<Outcome<PublishGrant>> StartPublishingAsync(string streamKey, string sessionId) =>
        StartPublishingFromAsync(streamKey, sessionId, ThisNode);

    public async Task<Outcome<PublishGrant>> StartPublishingFromAsync(string streamKey, string sessionId, string ingestNode)
    {
        var state = _state.State;
        if (!state.Exists) return Outcome<PublishGrant>.From(Refusals.RoomNotFound);
        if (state.Status == RoomStatus.Ended) return Outcome<PublishGrant>.From(Refusals.RoomEnded);
        if (!RoomIds.StreamKeysMatch(state.StreamKey, streamKey ?? string.Empty))
        {
            ReportWrongStreamKey();
            return Outcome<PublishGrant>.Refused(RefusalCode.NotAllowed, "Wrong stream key.");
        }

        if (state.Status == RoomStatus.Live && state.PublishingSession is not null && state.PublishingSession != sessionId)
        {
            // The recorded publisher's node may be gone (a crash leaves no goodbye): then this one takes over.
            if (!await IngestGoneAsync()) return Outcome<PublishGrant>.Refused(RefusalCode.AlreadyDone, "Someone is already publishing to this room.");
            await InterruptAsync(lostIngest: true);
        }

        var resumed = state.Status == RoomStatus.Interrupted;
        var now = _time.GetUtcNow();
        state.Status = RoomStatus.Live;
        state.PublishingSession = sessionId;
        state.IngestNode = ingestNode;
        state.InterruptedAt = null;
        state.LiveSince ??= now;
        _graceTimer?.Dispose();
        _graceTimer = null;
        await _state.WriteStateAsync();
        await _records.UpsertRoomAsync(ToRecord());
        _pending.SetStatus(RoomStatus.Live);
        Flush();
        Log.Live(_logger, RoomId, resumed);
        return Outcome<PublishGrant>.Ok(new PublishGrant(resumed, state.LiveSince.Value));
    }

    public async Task StopPublishingAsync(string sessionId)
    {
        var state = _state.State;
        if (!state.Exists || state.Status != RoomStatus.Live || state.PublishingSession != sessionId) return;
        await InterruptAsync(lostIngest: false);
    }

    public Task ReportRecordingProgressAsync(double progress)
    {
        if (_state.State.Recording is null) _recordingProgress = Math.Clamp(progress, 0, 1);
        return Task.CompletedTask;
    }

    public Task RecordingUnavailableAsync()
    {
        _recordingProgress = null;
        return Task.CompletedTask;
    }

    public async Task SetRecordingAsync(RecordingInfo recording)
    {
        _state.State.Recording = recording;
        _recordingProgress = null;
        await _state.WriteStateAsync();
        Log.RecordingReady(_logger, RoomId, recording.DurationSeconds);
    }

    public Task UpdateNodeAsync(string nodeId, IRoomObserver observer, int connections)
    {
        _nodes[nodeId] = new NodeEntry(observer, Math.Max(0, connections), _time.GetUtcNow());
        RecountViewers();
        return Task.CompletedTask;
    }

    public Task RemoveNodeAsync(string nodeId)
    {
        if (_nodes.Remove(nodeId)) RecountViewers();
        return Task.CompletedTask;
    }

    /// <summary>Ends an interrupted room once its grace period has passed (also after a restart of the grain).</summary>
    private void ArmGraceTimer()
    {
        var interruptedAt = _state.State.InterruptedAt ?? _time.GetUtcNow();
        var due = interruptedAt + TimeSpan.FromSeconds(_live.GracePeriodSeconds) - _time.GetUtcNow();
        _graceTimer?.Dispose();
        _graceTimer = this.RegisterGrainTimer(EndAfterGraceAsync, new GrainTimerCreationOptions(due > TimeSpan.Zero ? due : TimeSpan.Zero, Timeout.InfiniteTimeSpan) { KeepAlive = true });
    }

    private async Task EndAfterGraceAsync(CancellationToken cancellationToken)
    {
        if (_state.State.Status != RoomStatus.Interrupted) return;
        Log.GraceExpired(_logger, RoomId);
        await EndAsync();
    }

    private async Task<Outcome<Question>> SaveAsync(QuestionEntry entry, Question updated)
    {
        await _records.SaveQuestionAsync(entry.Sequence, updated);
        entry.Question = updated;
        return Publish(updated);
    }

    private Outcome<Question> Publish(Question question)
    {
        _pending.Add(question);
        ScheduleFlush();
        return Outcome<Question>.Ok(question);
    }

    private Refusal? Unavailable() =>
        !_state.State.Exists ? Refusals.RoomNotFound
        : _state.State.Status == RoomStatus.Ended ? Refusals.RoomEnded
        : null;

    private bool TryFindQuestion(string questionId, out QuestionEntry entry)
    {
        entry = null!;
        return TryParseSequence(questionId, out var sequence) && _questions.TryGetValue(sequence, out entry!);
    }

    private void RecountViewers()
    {
        var total = _nodes.Values.Sum(n => n.Connections);
        if (total == _viewerCount) return;
        _viewerCount = total;
        _pending.SetViewerCount(total);
        ScheduleFlush();
    }

    private Task DropSilentNodesAsync(CancellationToken cancellationToken)
    {
        var cutoff = _time.GetUtcNow() - TimeSpan.FromSeconds(_fanout.NodeTimeoutSeconds);
        var silent = _nodes.Where(n => n.Value.LastSeen < cutoff).Select(n => n.Key).ToArray();
        foreach (var nodeId in silent)
        {
            _nodes.Remove(nodeId);
            Log.NodeDropped(_logger, RoomId, nodeId);
        }

        if (silent.Length > 0) RecountViewers();
        return Task.CompletedTask;
    }

    /// <summary>Sends now when the last frame is older than the frame interval, else once it is.</summary>
    private void ScheduleFlush()
    {
        if (_flushScheduled) return;
        // Frame timing runs on the grain's TimeProvider, the clock Orleans runs grain timers on.
        var sinceLast = _lastFlushTimestamp is { } last ? _time.GetElapsedTime(last) : TimeSpan.MaxValue;
        if (sinceLast >= FrameInterval)
        {
            Flush();
            return;
        }

        _flushScheduled = true;
        var due = FrameInterval - sinceLast;
        if (_flushTimer is null)
        {
            _flushTimer = this.RegisterGrainTimer(FlushFromTimerAsync, new GrainTimerCreationOptions(due, Timeout.InfiniteTimeSpan) { KeepAlive = false });
        }
        else
        {
            _flushTimer.Change(due, Timeout.InfiniteTimeSpan);
        }
    }

    private Task FlushFromTimerAsync(CancellationToken cancellationToken)
    {
        _flushScheduled = false;
        Flush();
        return Task.CompletedTask;
    }

    private void Flush()
    {
        _lastFlushTimestamp = _time.GetTimestamp();
        if (_pending.IsEmpty) return;
        var frame = _pending.Take(RoomId, ++_frameSequence);
        foreach (var node in _nodes.Values)
        {
            // One-way: a slow or vanished node cannot hold the room up.
            _ = node.Observer.OnFrameAsync(frame);
        }
    }

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
        return new RoomInfo(RoomId, s.Title, s.Description, s.Status, _viewerCount, Playback.ForRoom(RoomId), s.ScheduledStart, s.CreatedAt, s.EndedAt,
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

    private sealed record NodeEntry(IRoomObserver Observer, int Connections, DateTimeOffset LastSeen);

    private static partial class Log
    {
        [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Room {RoomId} created by {UserId}")]
        public static partial void RoomCreated(ILogger logger, string roomId, string userId);

        [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "Room {RoomId} ended")]
        public static partial void RoomEnded(ILogger logger, string roomId);

        [LoggerMessage(EventId = 1003, Level = LogLevel.Information, Message = "Stream key of room {RoomId} rotated")]
        public static partial void StreamKeyRotated(ILogger logger, string roomId);

        [LoggerMessage(EventId = 1005, Level = LogLevel.Warning, Message = "Room {RoomId}: a publisher offered a wrong stream key")]
        public static partial void WrongStreamKey(ILogger logger, string roomId);

        [LoggerMessage(EventId = 1006, Level = LogLevel.Information, Message = "Room {RoomId} is live (resumed: {Resumed})")]
        public static partial void Live(ILogger logger, string roomId, bool resumed);

        [LoggerMessage(EventId = 1007, Level = LogLevel.Information, Message = "Room {RoomId} interrupted; ends in {GraceSeconds} s unless the publisher returns")]
        public static partial void Interrupted(ILogger logger, string roomId, int graceSeconds);

        [LoggerMessage(EventId = 1008, Level = LogLevel.Information, Message = "Room {RoomId}: the publisher did not return in time; ending")]
        public static partial void GraceExpired(ILogger logger, string roomId);

        [LoggerMessage(EventId = 1009, Level = LogLevel.Information, Message = "Room {RoomId}: recording ready ({DurationSeconds} s)")]
        public static partial void RecordingReady(ILogger logger, string roomId, double durationSeconds);

        [LoggerMessage(EventId = 1004, Level = LogLevel.Warning, Message = "Room {RoomId} dropped web node {NodeId}: not heard from in time")]
        public static partial void NodeDropped(ILogger logger, string roomId, string nodeId);
    }
}
