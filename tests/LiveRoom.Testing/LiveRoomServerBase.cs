using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using LiveRoom.Contracts.Wire;
using LiveRoom.Shared;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace LiveRoom.Testing;

/// <summary>
/// What a test needs of a running LiveRoom server, however it runs (in the test process or as a process of
/// its own): its addresses, the first admin, and HTTP and hub clients.
/// </summary>
public abstract class LiveRoomServerBase(Uri baseAddress, int rtmpPort, string dataDirectory) : IAsyncDisposable
{
    public const string DefaultAdminEmail = "admin@test.liveroom";
    public const string DefaultAdminPassword = "test-admin-password";

    public Uri BaseAddress { get; } = baseAddress;

    /// <summary>The port of this server's RTMP ingest.</summary>
    public int RtmpPort { get; } = rtmpPort;

    /// <summary>Where a publisher sends the stream of a room with <paramref name="streamKey"/>.</summary>
    public string PublishUrl(string streamKey) => $"rtmp://127.0.0.1:{RtmpPort}/live/{streamKey}";

    public string DataDirectory { get; } = dataDirectory;

    public string AdminEmail => DefaultAdminEmail;

    public string AdminPassword => DefaultAdminPassword;

    public HttpClient CreateHttpClient(string? bearerToken = null)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        if (bearerToken is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearerToken);
        return client;
    }

    /// <summary>
    /// An HTTP client whose connections come from <paramref name="source"/> (a loopback address such as
    /// 127.0.0.2), so the server sees another client network.
    /// </summary>
    public HttpClient CreateHttpClientFrom(IPAddress source) =>
        new(FromSource(source)) { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>A hub connection (WebSockets, no negotiation) from <paramref name="source"/>; not started.</summary>
    public HubConnection CreateHubConnectionFrom(IPAddress source, string accessToken)
    {
        var invoker = new HttpMessageInvoker(FromSource(source));
        return new HubConnectionBuilder()
            .WithUrl(new Uri(BaseAddress, "hubs/room"), options =>
            {
                options.Transports = HttpTransportType.WebSockets;
                options.SkipNegotiation = true;
                options.WebSocketFactory = async (context, cancellationToken) =>
                {
                    var url = new UriBuilder(context.Uri) { Query = "access_token=" + Uri.EscapeDataString(accessToken) }.Uri;
                    var socket = new System.Net.WebSockets.ClientWebSocket();
                    try
                    {
                        await socket.ConnectAsync(url, invoker, cancellationToken);
                        return socket;
                    }
                    catch
                    {
                        socket.Dispose();
                        throw;
                    }
                };
            })
            .AddJsonProtocol(o => WireFormat.Configure(o.PayloadSerializerOptions))
            .Build();
    }

    private static SocketsHttpHandler FromSource(IPAddress source) => new()
    {
        UseProxy = false,
        ConnectCallback = (context, cancellationToken) => SourceAddressSocket.ConnectAsync(source, context.DnsEndPoint, cancellationToken),
    };

    public async Task<string> LoginAsync(CancellationToken cancellationToken = default) => await LoginAsync(AdminEmail, AdminPassword, cancellationToken);

    public async Task<string> LoginAsync(string email, string password, CancellationToken cancellationToken = default)
    {
        using var http = CreateHttpClient();
        using var response = await http.PostAsJsonAsync("api/auth/login", new { email, password }, cancellationToken);
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        return body.RootElement.GetProperty("accessToken").GetString()!;
    }

    public async Task<TestRoom> CreateRoomAsync(string title, CancellationToken cancellationToken = default)
    {
        using var http = CreateHttpClient(await LoginAsync(cancellationToken));
        using var response = await http.PostAsJsonAsync("api/rooms", new { title }, cancellationToken);
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        var root = body.RootElement;
        var ingest = root.GetProperty("ingest");
        return new TestRoom(root.GetProperty("id").GetString()!, root.GetProperty("viewerUrl").GetString()!,
            ingest.GetProperty("streamKey").GetString()!, ingest.GetProperty("rtmpUrl").GetString()!);
    }

    /// <summary>A new viewer identity; with <paramref name="from"/>, asked for from that (loopback) client address.</summary>
    public async Task<TestViewer> CreateViewerAsync(string roomId, string displayName, CancellationToken cancellationToken = default, IPAddress? from = null)
    {
        using var http = from is null ? CreateHttpClient() : CreateHttpClientFrom(from);
        using var response = await http.PostAsJsonAsync($"api/rooms/{roomId}/viewers", new { displayName }, cancellationToken);
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        var root = body.RootElement;
        return new TestViewer(root.GetProperty("viewerId").GetString()!, root.GetProperty("accessToken").GetString()!, root.GetProperty("displayName").GetString()!);
    }

    /// <summary>A hub connection (WebSockets) that sends <paramref name="accessToken"/>; not started.</summary>
    public HubConnection CreateHubConnection(string accessToken, bool messagePack = false)
    {
        var builder = new HubConnectionBuilder()
            .WithUrl(new Uri(BaseAddress, "hubs/room"), options =>
            {
                options.AccessTokenProvider = () => Task.FromResult<string?>(accessToken);
                options.Transports = HttpTransportType.WebSockets;
            });
        if (messagePack)
        {
            builder.AddMessagePackProtocol(o => o.SerializerOptions = WireFormat.MessagePack);
        }
        else
        {
            builder.AddJsonProtocol(o => WireFormat.Configure(o.PayloadSerializerOptions));
        }

        return builder.Build();
    }

    public abstract ValueTask DisposeAsync();

    /// <summary>
    /// The configuration a test server runs with (port 0: any free port), then <paramref name="settings"/> over it
    /// (configuration keys, e.g. <c>LiveRoom:Chat:Burst</c>).
    /// </summary>
    protected static Dictionary<string, string?> Settings(string dataDirectory, int httpPort, int rtmpPort, IDictionary<string, string?>? settings)
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["urls"] = $"http://127.0.0.1:{httpPort.ToString(CultureInfo.InvariantCulture)}",
            ["LiveRoom:DataDirectory"] = dataDirectory,
            ["LiveRoom:Admin:Email"] = DefaultAdminEmail,
            ["LiveRoom:Admin:Password"] = DefaultAdminPassword,
            ["LiveRoom:Orleans:SiloPort"] = FreePorts.Next().ToString(CultureInfo.InvariantCulture),
            ["LiveRoom:Orleans:GatewayPort"] = FreePorts.Next().ToString(CultureInfo.InvariantCulture),
            ["LiveRoom:Orleans:ClusterId"] = "test-" + Guid.NewGuid().ToString("N"),
            ["LiveRoom:RateLimits:ViewerIdentitiesPerMinute"] = "100000",
            ["LiveRoom:Ingest:RtmpPort"] = rtmpPort.ToString(CultureInfo.InvariantCulture),
            ["LiveRoom:Ingest:ListenAddress"] = "127.0.0.1",
            ["LiveRoom:RateLimits:LoginsPerMinute"] = "1000",
            ["Logging:LogLevel:Default"] = "Information",
            ["Logging:LogLevel:Orleans"] = "Warning",
            ["Logging:LogLevel:Polly"] = "Warning",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) values[key] = value;
        return values;
    }
}
