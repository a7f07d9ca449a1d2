using LiveRoom.Media.Rtmp;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LiveRoom.Testing;

/// <summary>
/// A real LiveRoom server in this process, listening on a free loopback port with its own data directory
/// and grain-runtime ports. Stop it and start another on the same data directory to test a restart.
/// </summary>
public sealed class LiveRoomTestServer : LiveRoomServerBase
{
    private readonly WebApplication _app;
    private readonly bool _ownsDataDirectory;

    private LiveRoomTestServer(WebApplication app, Uri baseAddress, int rtmpPort, string dataDirectory, bool ownsDataDirectory, CapturedLogs logs)
        : base(baseAddress, rtmpPort, dataDirectory)
    {
        _app = app;
        _ownsDataDirectory = ownsDataDirectory;
        Logs = logs;
    }

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
        var values = Settings(dataDirectory, httpPort: 0, rtmpPort: 0, settings);

        var logs = new CapturedLogs();
        var args = values.Select(v => $"--{v.Key}={v.Value}").ToArray();
        var webRoot = Directory.Exists(RepositoryPaths.WebRoot) ? RepositoryPaths.WebRoot : null;
        var app = Program.Build(args, webRoot, builder =>
        {
            builder.Logging.ClearProviders();
            builder.Logging.AddProvider(logs);
        });
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var rtmp = await app.Services.GetRequiredService<RtmpServer>().ListeningAsync.WaitAsync(TimeSpan.FromSeconds(10), cancellationToken);
        return new LiveRoomTestServer(app, new Uri(address.TrimEnd('/') + "/"), rtmp.Port, dataDirectory, ownsData, logs);
    }

    public async Task StopAsync()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _app.StopAsync(cts.Token);
    }

    public override async ValueTask DisposeAsync()
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
