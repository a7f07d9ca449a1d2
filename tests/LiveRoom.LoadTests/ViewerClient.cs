using System.Diagnostics;
using LiveRoom.Contracts.Chat;
using LiveRoom.Contracts.Rooms;
using LiveRoom.Contracts.Wire;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace LiveRoom.LoadTests;

/// <summary>One viewer: a hub connection (WebSockets, no negotiation) joined to the room.</summary>
internal sealed class ViewerClient : IAsyncDisposable
{
    private readonly HubConnection _connection;
    private readonly string _roomId;
    private int _closing;

    public ViewerClient(
        int index,
        string roomId,
        ViewerIdentity identity,
        bool isMessagePack,
        Uri serverUrl,
        LoopbackNetwork network,
        DeliveryTracker tracker)
    {
        Index = index;
        _roomId = roomId;
        Inbox = tracker.CreateInbox(isMessagePack);
        var builder = new HubConnectionBuilder()
            .WithUrl(new Uri(serverUrl, RoomHub.Path), HttpTransportType.WebSockets, options =>
            {
                options.SkipNegotiation = true;
                options.AccessTokenProvider = () => Task.FromResult<string?>(identity.AccessToken);
                options.WebSocketFactory = network.ConnectWebSocketAsync;
            });
        if (isMessagePack)
        {
            builder.AddMessagePackProtocol(options => options.SerializerOptions = WireFormat.MessagePack);
        }
        else
        {
            builder.AddJsonProtocol(options => WireFormat.Configure(options.PayloadSerializerOptions));
        }

        _connection = builder.Build();
        _connection.HandshakeTimeout = network.ConnectTimeout;
        var inbox = Inbox;
        _connection.On<ChatMessage[]>(RoomHub.ChatEvent, messages => tracker.Receive(inbox, messages, Stopwatch.GetTimestamp()));
        _connection.Closed += OnClosedAsync;
    }

    /// <summary>Raised when the server or the network closes the connection before the tool does.</summary>
    public event Action<ViewerClient, Exception?>? Lost;

    public int Index { get; }

    public ViewerInbox Inbox { get; }

    public bool IsMessagePack => Inbox.IsMessagePack;

    public async Task ConnectAsync(CancellationToken cancellationToken)
    {
        await _connection.StartAsync(cancellationToken);
        await _connection.InvokeAsync<RoomSnapshot>(RoomHub.JoinRoom, _roomId, cancellationToken);
    }

    public Task<ChatMessage> SendChatAsync(string text, CancellationToken cancellationToken) =>
        _connection.InvokeAsync<ChatMessage>(RoomHub.SendChat, _roomId, text, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _closing, 1) == 1) return;
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await _connection.StopAsync(timeout.Token);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or InvalidOperationException)
        {
            // Closing is best effort: DisposeAsync below releases the socket either way.
        }

        await _connection.DisposeAsync();
    }

    private Task OnClosedAsync(Exception? error)
    {
        if (Volatile.Read(ref _closing) == 0) Lost?.Invoke(this, error);
        return Task.CompletedTask;
    }
}
