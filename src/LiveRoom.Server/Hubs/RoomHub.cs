using LiveRoom.Contracts.Chat;
using LiveRoom.Contracts.Common;
using LiveRoom.Contracts.Questions;
using LiveRoom.Contracts.Rooms;
using LiveRoom.Contracts.Viewers;
using LiveRoom.Server.Auth;
using LiveRoom.Server.Contacts;
using LiveRoom.Server.Delivery;
using LiveRoom.Server.Diagnostics;
using LiveRoom.Server.Viewers;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace LiveRoom.Server.Hubs;

/// <summary>
/// The room hub (<c>/hubs/room</c>). Thin: who is calling comes from the token, the call is checked
/// against the room and the role, one grain call does the work, and a refusal becomes a
/// <see cref="HubException"/> with a reason the page can show.
/// </summary>
[Authorize]
public sealed partial class RoomHub(
    IGrainFactory grains,
    RoomFanout fanout,
    PresenceTracker presence,
    IEnumerable<IHubConnectionHook> hooks,
    ViewerConnections viewerConnections,
    LiveRoomMetrics metrics,
    HubRefusalGuard guard,
    IOptions<ContactOptions> contacts,
    ILogger<RoomHub> logger) : Hub<IRoomClient>
{
    private const string JoinedRoomsKey = "liveroom:joined";
    private const string PresentKey = "liveroom:present";

    public override async Task OnConnectedAsync()
    {
        metrics.ConnectionOpened();
        // Personal events (queue positions, call signalling) reach a person on any node through their presence.
        if (Caller.From(Context.User) is { } caller)
        {
            await presence.ConnectedAsync(Context.ConnectionId, caller.Id);
            Context.Items[PresentKey] = true;
            foreach (var hook in hooks) await hook.ConnectedAsync(caller, Clients.Caller);
        }

        await base.OnConnectedAsync();
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        metrics.ConnectionClosed();
        var caller = Caller.From(Context.User);
        foreach (var roomId in JoinedRooms().ToArray())
        {
            if (caller is not null) await LeaveJoinedAsync(caller, roomId, removeFromGroup: false);
        }

        if (caller is not null && Context.Items.ContainsKey(PresentKey))
        {
            var lastHere = await presence.DisconnectedAsync(caller.Id);
            foreach (var hook in hooks) await hook.DisconnectedAsync(caller, Context.Items, lastHere);
        }

        await base.OnDisconnectedAsync(exception);
    }

    public async Task<RoomSnapshot> JoinRoom(string roomId)
    {
        var caller = Enter(roomId);
        var viewer = grains.Viewer(roomId, caller.Id);
        if (caller.IsStaff)
        {
            var room = await grains.Room(roomId).GetDetailsAsync();
            if (room is null) throw Refused(caller, roomId, Refusals.RoomNotFound);
            await viewer.RegisterAsync(caller.DisplayName, caller.Role);
        }

        var joined = JoinedRooms();
        var isNew = !joined.Contains(roomId);
        if (isNew)
        {
            // A viewer identity may hold a few connections (tabs), not hundreds.
            if (!caller.IsStaff && !viewerConnections.TryAcquire(roomId, caller.Id))
            {
                throw Refused(caller, roomId, Refusals.TooManyConnections(viewerConnections.Max));
            }

            joined.Add(roomId);
            await fanout.JoinAsync(roomId, Context.ConnectionId, caller.Id);
        }

        var snapshot = await viewer.JoinFromAsync(caller.IsStaff ? null : ClientAddress.Of(Context.GetHttpContext()?.Connection.RemoteIpAddress));
        if (!snapshot.IsSuccess)
        {
            if (isNew) await LeaveJoinedAsync(caller, roomId, removeFromGroup: true);
            throw Refused(caller, roomId, snapshot.Refusal!);
        }

        foreach (var hook in hooks) await hook.JoinedRoomAsync(caller, roomId, Clients.Caller);
        return snapshot.Value!;
    }

    public async Task LeaveRoom(string roomId)
    {
        var caller = Enter(roomId);
        if (JoinedRooms().Contains(roomId)) await LeaveJoinedAsync(caller, roomId, removeFromGroup: true);
    }

    public async Task<ChatMessage> SendChat(string roomId, string text)
    {
        var caller = EnterJoined(roomId);
        var message = Unwrap(caller, roomId, await grains.Viewer(roomId, caller.Id).SendChatAsync(Public(caller, text)));
        metrics.ChatAccepted();
        return message;
    }

    public async Task<Question> AskQuestion(string roomId, string text)
    {
        var caller = EnterJoined(roomId);
        return Unwrap(caller, roomId, await grains.Viewer(roomId, caller.Id).AskQuestionAsync(Public(caller, text)));
    }

    /// <summary>What a viewer writes for everyone to read, with any phone number in it masked (staff write as they wish).</summary>
    private string Public(Caller caller, string? text) =>
        caller.IsStaff || text is null ? text ?? string.Empty : ContactRules.MaskPhonesIn(text, contacts.Value.DefaultPhoneRegion);

    public async Task<Question> UpvoteQuestion(string roomId, string questionId)
    {
        var caller = EnterJoined(roomId);
        return Unwrap(caller, roomId, await grains.Viewer(roomId, caller.Id).UpvoteAsync(questionId ?? string.Empty));
    }

    public async Task<Question> AnswerQuestion(string roomId, string questionId, string answer)
    {
        var caller = EnterModerator(roomId);
        var sender = new Sender(caller.Id, caller.DisplayName, caller.Role);
        return Unwrap(caller, roomId, await grains.Room(roomId).AnswerAsync(questionId ?? string.Empty, answer ?? string.Empty, sender));
    }

    public async Task<Question> PinQuestion(string roomId, string questionId, bool pinned)
    {
        var caller = EnterModerator(roomId);
        return Unwrap(caller, roomId, await grains.Room(roomId).PinAsync(questionId ?? string.Empty, pinned));
    }

    public async Task<Question> DismissQuestion(string roomId, string questionId)
    {
        var caller = EnterModerator(roomId);
        return Unwrap(caller, roomId, await grains.Room(roomId).DismissAsync(questionId ?? string.Empty));
    }

    public async Task DeleteMessage(string roomId, string messageId)
    {
        var caller = EnterModerator(roomId);
        Unwrap(caller, roomId, await grains.Room(roomId).DeleteChatAsync(messageId ?? string.Empty));
        Log.Moderated(logger, roomId, caller.Id, "delete-message", messageId ?? string.Empty);
    }

    public async Task<Participant> MuteViewer(string roomId, string viewerId, bool muted)
    {
        var caller = EnterModerator(roomId);
        var participant = Unwrap(caller, roomId, await ViewerIn(caller, roomId, viewerId).SetMutedAsync(muted));
        Log.Moderated(logger, roomId, caller.Id, muted ? "mute" : "unmute", viewerId);
        return participant;
    }

    /// <summary>
    /// Where a call SignalR could not bind ends up (see UnboundCallProtocol): refused, counted and logged
    /// like any other refusal.
    /// </summary>
    public Task Unbound(string target)
    {
        metrics.Refused();
        if (guard.MayLog(Context)) Log.Unbound(logger, Context.ConnectionId, Caller.From(Context.User)?.Id ?? "anonymous", target ?? string.Empty);
        throw HubRefusal.Unbound();
    }

    private Caller Enter(string roomId)
    {
        var caller = Caller.From(Context.User) ?? throw HubRefusal.NotAllowed();
        if (!RoomIds.IsRoomId(roomId))
        {
            throw Refused(caller, roomId ?? string.Empty, Refusals.RoomNotFound);
        }

        if (!caller.CanEnter(roomId))
        {
            if (guard.MayLog(Context)) Log.WrongRoom(logger, caller.Id, roomId);
            metrics.Refused();
            throw HubRefusal.WrongRoom();
        }

        return caller;
    }

    private Caller EnterJoined(string roomId)
    {
        var caller = Enter(roomId);
        if (!JoinedRooms().Contains(roomId))
        {
            metrics.Refused();
            throw HubRefusal.NotJoined();
        }

        return caller;
    }

    private Caller EnterModerator(string roomId)
    {
        var caller = EnterJoined(roomId);
        if (!Roles.IsModerator(caller.Role))
        {
            if (guard.MayLog(Context)) Log.NotAllowed(logger, caller.Id, caller.Role.ToString(), roomId, Context.GetHttpContext()?.Request.Path.Value ?? "hub");
            metrics.Refused();
            throw HubRefusal.NotAllowed();
        }

        return caller;
    }

    private async Task LeaveJoinedAsync(Caller caller, string roomId, bool removeFromGroup)
    {
        if (!JoinedRooms().Remove(roomId)) return;
        if (!caller.IsStaff) viewerConnections.Release(roomId, caller.Id);
        var lastHere = await fanout.LeaveAsync(roomId, Context.ConnectionId, caller.Id, removeFromGroup);
        foreach (var hook in hooks) await hook.LeftRoomAsync(caller, roomId, lastHere);
    }

    private HashSet<string> JoinedRooms()
    {
        if (Context.Items.TryGetValue(JoinedRoomsKey, out var value) && value is HashSet<string> rooms) return rooms;
        rooms = new HashSet<string>(StringComparer.Ordinal);
        Context.Items[JoinedRoomsKey] = rooms;
        return rooms;
    }

    private T Unwrap<T>(Caller caller, string roomId, Outcome<T> outcome) =>
        outcome.IsSuccess ? outcome.Value! : throw Refused(caller, roomId, outcome.Refusal!);

    private HubException Refused(Caller caller, string roomId, Refusal refusal)
    {
        metrics.Refused();
        if (guard.MayLog(Context)) Log.Refused(logger, roomId, caller.Id, refusal.Code.ToString(), refusal.Message);
        return HubRefusal.ToException(refusal);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Room {RoomId}: refused {CallerId}: {Code} ({Reason})")]
        public static partial void Refused(ILogger logger, string roomId, string callerId, string code, string reason);

        [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "{CallerId} tried to act in room {RoomId} with an identity for another room")]
        public static partial void WrongRoom(ILogger logger, string callerId, string roomId);

        [LoggerMessage(EventId = 2003, Level = LogLevel.Warning, Message = "{CallerId} ({Role}) called a staff method in room {RoomId} via {Path}")]
        public static partial void NotAllowed(ILogger logger, string callerId, string role, string roomId, string path);

        [LoggerMessage(EventId = 2004, Level = LogLevel.Information, Message = "Room {RoomId}: {CallerId} did {Action} on {Target}")]
        public static partial void Moderated(ILogger logger, string roomId, string callerId, string action, string target);

        [LoggerMessage(EventId = 2005, Level = LogLevel.Information, Message = "Connection {ConnectionId} ({CallerId}) refused: no hub method {Target} takes those arguments")]
        public static partial void Unbound(ILogger logger, string connectionId, string callerId, string target);
    }
}
