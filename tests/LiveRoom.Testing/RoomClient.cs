using LiveRoom.Contracts.Chat;
using LiveRoom.Contracts.Common;
using LiveRoom.Contracts.Products;
using LiveRoom.Contracts.Questions;
using LiveRoom.Contracts.Rooms;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveRoom.Testing;

/// <summary>One person connected to one room over a real hub connection, with every event collected.</summary>
public sealed class RoomClient : IAsyncDisposable
{
    public static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(15);

    private RoomClient(HubConnection connection, string roomId, string participantId, string accessToken)
    {
        Connection = connection;
        RoomId = roomId;
        ParticipantId = participantId;
        AccessToken = accessToken;
        connection.On<ChatMessage[]>("chat", m => Chat.Add(m));
        connection.On<Question[]>("questions", q => Questions.Add(q));
        connection.On<string[]>("chatDeleted", ids => Deleted.Add(ids));
        connection.On<int>("viewers", count => Viewers.Add([count]));
        connection.On<RoomStatus>("roomStatus", status => Statuses.Add([status]));
        connection.On<RefusalNotice>("refused", notice => Refusals.Add([notice]));
        connection.On<ProductCard[]>("cardShown", c => Cards.Add(c));
        Calls = new CallInboxes(connection);
    }

    public HubConnection Connection { get; }

    public string RoomId { get; }

    public string ParticipantId { get; }

    public string AccessToken { get; }

    public RoomSnapshot? Snapshot { get; private set; }

    /// <summary>The <c>refused</c> notices this connection received (each just before its call's error).</summary>
    public Inbox<RefusalNotice> Refusals { get; } = new("refused");

    /// <summary>The call events this connection received.</summary>
    public CallInboxes Calls { get; }

    public Inbox<ChatMessage> Chat { get; } = new("chat");

    public Inbox<Question> Questions { get; } = new("questions");

    public Inbox<string> Deleted { get; } = new("chatDeleted");

    public Inbox<int> Viewers { get; } = new("viewers");

    public Inbox<RoomStatus> Statuses { get; } = new("roomStatus");

    public Inbox<ProductCard> Cards { get; } = new("cardShown");

    /// <summary>A new viewer identity in <paramref name="roomId"/>, connected and joined.</summary>
    public static async Task<RoomClient> JoinAsViewerAsync(LiveRoomServerBase server, string roomId, string displayName, bool messagePack = false)
    {
        var viewer = await server.CreateViewerAsync(roomId, displayName).WaitAsync(CallTimeout);
        return await ConnectAsync(server, roomId, viewer.ViewerId, viewer.AccessToken, messagePack, join: true);
    }

    /// <summary>The admin, connected and joined to <paramref name="roomId"/>.</summary>
    public static async Task<RoomClient> JoinAsStaffAsync(LiveRoomServerBase server, string roomId, bool messagePack = false, string? accessToken = null)
    {
        accessToken ??= await server.LoginAsync().WaitAsync(CallTimeout);
        return await ConnectAsync(server, roomId, "staff", accessToken, messagePack, join: true);
    }

    public static async Task<RoomClient> ConnectAsync(LiveRoomServerBase server, string roomId, string participantId, string accessToken, bool messagePack, bool join)
    {
        var connection = server.CreateHubConnection(accessToken, messagePack);
        var client = new RoomClient(connection, roomId, participantId, accessToken);
        await connection.StartAsync().WaitAsync(CallTimeout);
        if (join) await client.JoinAsync();
        return client;
    }

    /// <summary><paramref name="viewer"/> connected from <paramref name="source"/> (another loopback address, as another client network).</summary>
    public static async Task<RoomClient> ConnectFromAsync(LiveRoomTestServer server, System.Net.IPAddress source, string roomId, TestViewer viewer, bool join)
    {
        var client = new RoomClient(server.CreateHubConnectionFrom(source, viewer.AccessToken), roomId, viewer.ViewerId, viewer.AccessToken);
        await client.Connection.StartAsync().WaitAsync(CallTimeout);
        if (join) await client.JoinAsync();
        return client;
    }

    public async Task<RoomSnapshot> JoinAsync()
    {
        Snapshot = await Connection.InvokeAsync<RoomSnapshot>("JoinRoom", RoomId).WaitAsync(CallTimeout);
        return Snapshot;
    }

    public Task<ChatMessage> SendChatAsync(string text) =>
        Connection.InvokeAsync<ChatMessage>("SendChat", RoomId, text).WaitAsync(CallTimeout);

    public Task<Question> AskAsync(string text) =>
        Connection.InvokeAsync<Question>("AskQuestion", RoomId, text).WaitAsync(CallTimeout);

    public Task<Question> UpvoteAsync(string questionId) =>
        Connection.InvokeAsync<Question>("UpvoteQuestion", RoomId, questionId).WaitAsync(CallTimeout);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Connection.StopAsync().WaitAsync(CallTimeout);
        }
        catch (Exception ex) when (ex is TimeoutException or ObjectDisposedException or InvalidOperationException)
        {
        }

        await Connection.DisposeAsync();
    }
}
