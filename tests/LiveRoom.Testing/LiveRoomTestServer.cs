using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using LiveRoom.Contracts.Wire;
using LiveRoom.Media.Rtmp;
using LiveRoom.Server;
using LiveRoom.Shared;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LiveRoom.Testing;

/// <summary>
/// A real LiveRoom server in this process, listening on a free loopback port with its own data directory
/// and grain-runtime ports. Stop it and start another on the same data directory to test a restart.
/// </summary>
public sealed class LiveRoomTestServer : IAsyncDisposable
{
    public const string DefaultAdminEmail = "admin@test.liveroom";
    public const string DefaultAdminPassword = "test-admin-password";

    private readonly WebApplication _app;
    private readonly bool _ownsDataDirectory;

    private LiveRoomTestServer(WebApplication app, Uri baseAddress, string dataDirectory, bool ownsDataDirectory, CapturedLogs logs)
    {
        _app = app;
        BaseAddress = baseAddress;
        DataDirectory = dataDirectory;
        _ownsDataDirectory = ownsDataDirectory;
        Logs = logs;
    }

    public Uri BaseAddress { get; }

    /// <summary>The port of this server's RTMP ingest.</summary>
    public int RtmpPort { get; private init; }

    /// <summary>Where a publisher sends the stream of a room with <paramref name="streamKey"/>.</summary>
    public string PublishUrl(string streamKey) => $"rtmp://127.0.0.1:{RtmpPort}/live/{streamKey}";

    public string DataDirectory { get; }

    public string AdminEmail => DefaultAdminEmail;

    public string AdminPassword => DefaultAdminPassword;

    public CapturedLogs Logs { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>Starts a server. <paramref name="settings"/> are configuration keys (e.g. <c>LiveRoom:Chat:Burst</c>).</summary>
    public static async Task<LiveRoomTestServer> StartAsync(
        IDictionary<string, string?>? settings = null,
        string? dataDirectory = null,
        CancellationToken cancellationToken = default)
    {
        var ownsData = dataDirectory is null;
        dataDirectory ??= Path.Combine(Path.GetTempPath(), "liveroom-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dataDirectory);
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["urls"] = "http://127.0.0.1:0",
            ["LiveRoom:DataDirectory"] = dataDirectory,
            ["LiveRoom:Admin:Email"] = DefaultAdminEmail,
            ["LiveRoom:Admin:Password"] = DefaultAdminPassword,
            ["LiveRoom:Orleans:SiloPort"] = FreePorts.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["LiveRoom:Orleans:GatewayPort"] = FreePorts.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["LiveRoom:Orleans:ClusterId"] = "test-" + Guid.NewGuid().ToString("N"),
            ["LiveRoom:RateLimits:ViewerIdentitiesPerMinute"] = "100000",
            ["LiveRoom:Ingest:RtmpPort"] = "0",
            ["LiveRoom:Ingest:ListenAddress"] = "127.0.0.1",
            ["LiveRoom:RateLimits:LoginsPerMinute"] = "1000",
            ["Logging:LogLevel:Default"] = "Information",
            ["Logging:LogLevel:Orleans"] = "Warning",
            ["Logging:LogLevel:Polly"] = "Warning",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) values[key] = value;

        var logs = new CapturedLogs();
        var args = values.Select(v => $"--{v.Key}={v.Value}").ToArray();
        var webRoot = Directory.Exists(RepositoryPaths.WebRoot) ? RepositoryPaths.WebRoot : null;
        var app = LiveRoomHost.Build(args, webRoot, builder =>
        {
            builder.Logging.ClearProviders();
            builder.Logging.AddProvider(logs);
        });
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var rtmp = await app.Services.GetRequiredService<RtmpServer>().ListeningAsync.WaitAsync(TimeSpan.FromSeconds(10), cancellationToken);
        return new LiveRoomTestServer(app, new Uri(address.TrimEnd('/') + "/"), dataDirectory, ownsData, logs) { RtmpPort = rtmp.Port };
    }

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

    public async Task StopAsync()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _app.StopAsync(cts.Token);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync();
        }
        catch (ObjectDisposedException)
        {
        }

        await _app.DisposeAsync();
        if (_ownsDataDirectory)
        {
            try
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
