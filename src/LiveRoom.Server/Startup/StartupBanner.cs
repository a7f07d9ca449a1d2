using System.Text;
using LiveRoom.Contracts.Common;
using LiveRoom.Contracts.Rooms;
using LiveRoom.Media.Rtmp;
using LiveRoom.Server.Http;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace LiveRoom.Server.Startup;

/// <summary>
/// Once the server listens: in demo mode, makes sure a demo room exists, then prints where everything is
/// (console, staff sign-in, viewer page, RTMP ingest).
/// </summary>
public sealed partial class StartupBanner(
    IHostApplicationLifetime lifetime,
    IServer server,
    IGrainFactory grains,
    IRoomRecords records,
    AdminBootstrapper admin,
    IOptions<LiveRoomOptions> options,
    IOptions<RtmpServerOptions> ingest,
    PublicUrls urls,
    BannerConsole console,
    ILogger<StartupBanner> logger) : BackgroundService
{
    public const string DemoRoomTitle = "LiveRoom demo room";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var registration = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        await started.Task.WaitAsync(stoppingToken);

        var baseUrl = LocalBaseUrl();
        var text = new StringBuilder();
        text.AppendLine();
        text.AppendLine("  LiveRoom is running.");
        text.AppendLine($"  Staff console : {baseUrl}/console");
        text.AppendLine($"  Staff sign-in : {SignInLine(admin.SignIn.Email, admin.SignIn.GeneratedPassword, admin.PasswordFile, console.IsTerminal)}");

        if (options.Value.Demo)
        {
            var demo = await EnsureDemoRoomAsync(stoppingToken);
            if (demo is not null)
            {
                var rtmp = ingest.Value.PublicRtmpUrl is { Length: > 0 } configured ? configured.TrimEnd('/') : $"rtmp://127.0.0.1:{urls.RtmpPort}/live";
                text.AppendLine($"  Demo room     : {demo.Info.Title} ({demo.Info.Id})");
                text.AppendLine($"  Viewer page   : {baseUrl}/r/{demo.Info.Id}");
                text.AppendLine($"  RTMP server   : {rtmp}");
                text.AppendLine($"  Stream key    : {demo.StreamKey}");
                text.AppendLine($"  Publish URL   : {rtmp}/{demo.StreamKey}");
            }
        }

        text.AppendLine($"  Health        : {baseUrl}/healthz   API: {baseUrl}/openapi/v1.json");
        await console.PrintAsync(text.ToString(), stoppingToken);
    }

    /// <summary>
    /// The admin's sign-in as the banner shows it. A password only when the server generated it, and only to a
    /// terminal: output going to a file or a pipe (a log) gets where the password is kept instead. A password
    /// given in the configuration is never shown: whoever set it knows it.
    /// </summary>
    public static string SignInLine(string email, string? generatedPassword, string passwordFile, bool isTerminal) =>
        generatedPassword is null ? $"{email} / (the password you set; not shown)"
        : isTerminal ? $"{email} / {generatedPassword}   (generated; change it after signing in)"
        : $"{email} / (generated; in {passwordFile}, readable by this user only)";

    private async Task<RoomDetails?> EnsureDemoRoomAsync(CancellationToken cancellationToken)
    {
        var existing = (await records.ListRoomsAsync(500, cancellationToken))
            .FirstOrDefault(r => r.Title == DemoRoomTitle && r.Status != RoomStatus.Ended);
        if (existing is not null) return await grains.Room(existing.Id).GetDetailsAsync();

        var created = await grains.Room(RoomIds.NewRoomId()).CreateAsync(new CreateRoomCommand(
            DemoRoomTitle, "Try the chat and the Q&A here; publish a stream with OBS or ffmpeg to go live.", null, "demo"));
        if (!created.IsSuccess)
        {
            Log.DemoFailed(logger, created.Refusal!.Message);
            return null;
        }

        return created.Value;
    }

    private string LocalBaseUrl()
    {
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://127.0.0.1:5080";
        return address.Replace("://0.0.0.0", "://127.0.0.1", StringComparison.Ordinal)
            .Replace("://[::]", "://127.0.0.1", StringComparison.Ordinal)
            .Replace("://+", "://127.0.0.1", StringComparison.Ordinal)
            .TrimEnd('/');
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 6201, Level = LogLevel.Warning, Message = "Could not create the demo room: {Reason}")]
        public static partial void DemoFailed(ILogger logger, string reason);
    }
}
