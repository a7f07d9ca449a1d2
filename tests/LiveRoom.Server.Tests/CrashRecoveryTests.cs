using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using LiveRoom.Contracts.Rooms;
using LiveRoom.Testing;

namespace LiveRoom.Server.Tests;

/// <summary>
/// The server process killed with SIGKILL while a real ffmpeg publishes, then started again on the same data
/// directory: no shutdown code ran, so only what the restarted process does can put the room right.
/// </summary>
public sealed class CrashRecoveryTests(ITestOutputHelper output)
{
    private static readonly TimeSpan MediaTimeout = TimeSpan.FromSeconds(45);

    [Fact]
    public async Task ARoomLiveWhenTheServerWasKilledIsInterruptedAfterARestartAndItsPublisherGetsBackIn()
    {
        await InDataDirectoryAsync(async data =>
        {
            await using var first = await LiveRoomServerProcess.StartAsync(data, new Dictionary<string, string?> { ["LiveRoom:Live:GracePeriodSeconds"] = "120" });
            var room = await first.CreateRoomAsync("crash while live").WaitAsync(RoomClient.CallTimeout);
            await GoLiveAsync(first, room);
            using (var http = first.CreateHttpClient())
            {
                await LiveFiles.GetWhenReadyAsync(http, $"live/{room.Id}/360p/index.m3u8", body => body.Contains("segment_", StringComparison.Ordinal));
            }

            await first.KillAsync();
            var restart = Stopwatch.StartNew();
            await using var second = await first.StartAgainAsync();
            var started = restart.Elapsed;
            await second.Output.WaitForAsync(l => l.Any(x => x.Contains(room.Id, StringComparison.Ordinal) && x.Contains("is gone", StringComparison.Ordinal)), "the room noticing its ingest node is gone", MediaTimeout);
            var interrupted = restart.Elapsed;

            (await StatusAsync(second, room.Id)).ShouldBe("interrupted");
            (await StaffListStatusAsync(second, room.Id)).ShouldBe("interrupted", "the room list (records) says so too");
            await using var viewer = await RoomClient.JoinAsViewerAsync(second, room.Id, "Watcher");
            viewer.Snapshot!.Room.Status.ShouldBe(RoomStatus.Interrupted);

            var back = Stopwatch.StartNew();
            await using var host = FfmpegPublisher.Start(second.PublishUrl(room.StreamKey), seconds: 30, width: 640, height: 360);
            await viewer.Statuses.WaitForAsync(s => s.Contains(RoomStatus.Live), "the returning publisher making the room live", MediaTimeout);
            var live = back.Elapsed;
            using var viewerHttp = second.CreateHttpClient();
            await LiveFiles.GetWhenReadyAsync(viewerHttp, $"live/{room.Id}/360p/index.m3u8", body => body.Contains("#EXT-X-DISCONTINUITY", StringComparison.Ordinal));
            second.Output.Items.ShouldContain(l => l.Contains(room.Id, StringComparison.Ordinal) && l.Contains("resumed: True", StringComparison.Ordinal));
            second.Output.Items.ShouldNotContain(l => l.Contains("already publishing", StringComparison.Ordinal));
            output.WriteLine($"restart to started {started.TotalSeconds:0.00} s, to interrupted {interrupted.TotalSeconds:0.00} s; returning publish to live {live.TotalSeconds:0.00} s");
        });
    }

    [Fact]
    public async Task ARoomLiveWhenTheServerWasKilledEndsAfterTheGracePeriodWithoutItsPublisher()
    {
        await InDataDirectoryAsync(async data =>
        {
            var settings = new Dictionary<string, string?> { ["LiveRoom:Live:GracePeriodSeconds"] = "3" };
            await using var first = await LiveRoomServerProcess.StartAsync(data, settings);
            var room = await first.CreateRoomAsync("crash, no return").WaitAsync(RoomClient.CallTimeout);
            await GoLiveAsync(first, room);

            await first.KillAsync();
            await using var second = await first.StartAgainAsync();

            // Nobody opens the room: the start-up sweep alone interrupts it, and its grace period ends it.
            await EndsAfterTheGracePeriodAsync(second, room.Id);
        });
    }

    [Fact]
    public async Task ARoomInterruptedWhenTheServerWasKilledEndsAfterARestartThoughNobodyOpensIt()
    {
        await InDataDirectoryAsync(async data =>
        {
            var settings = new Dictionary<string, string?> { ["LiveRoom:Live:GracePeriodSeconds"] = "6" };
            await using var first = await LiveRoomServerProcess.StartAsync(data, settings);
            var room = await first.CreateRoomAsync("interrupted, then a crash").WaitAsync(RoomClient.CallTimeout);
            await using (var viewer = await RoomClient.JoinAsViewerAsync(first, room.Id, "Watcher"))
            {
                await using (var host = FfmpegPublisher.Start(first.PublishUrl(room.StreamKey), seconds: 2, width: 320, height: 240))
                {
                    await viewer.Statuses.WaitForAsync(s => s.Contains(RoomStatus.Live), "the room going live", MediaTimeout);
                    await host.WaitAsync(MediaTimeout);
                }

                await viewer.Statuses.WaitForAsync(s => s.Contains(RoomStatus.Interrupted), "the interruption", MediaTimeout);
            }

            await first.KillAsync();
            await using var second = await first.StartAgainAsync();

            await EndsAfterTheGracePeriodAsync(second, room.Id);
        });
    }

    private static async Task GoLiveAsync(LiveRoomServerBase server, TestRoom room)
    {
        await using var viewer = await RoomClient.JoinAsViewerAsync(server, room.Id, "Watcher");
        // Left running: killing the server drops its connection, as a crash would.
        var host = FfmpegPublisher.Start(server.PublishUrl(room.StreamKey), seconds: 30, width: 640, height: 360);
        await viewer.Statuses.WaitForAsync(s => s.Contains(RoomStatus.Live), "the room going live", MediaTimeout);
        _ = Task.Run(async () =>
        {
            await using (host)
            {
                await host.WaitAsync(TimeSpan.FromSeconds(60));
            }
        });
    }

    private static async Task<string> StatusAsync(LiveRoomServerBase server, string roomId)
    {
        using var http = server.CreateHttpClient();
        using var room = JsonDocument.Parse(await http.GetStringAsync($"api/rooms/{roomId}").WaitAsync(RoomClient.CallTimeout));
        return room.RootElement.GetProperty("status").GetString()!;
    }

    private static async Task<string> StaffListStatusAsync(LiveRoomServerBase server, string roomId)
    {
        using var http = server.CreateHttpClient(await server.LoginAsync().WaitAsync(RoomClient.CallTimeout));
        var rooms = await http.GetFromJsonAsync<JsonElement>("api/rooms").WaitAsync(RoomClient.CallTimeout);
        var list = rooms.ValueKind == JsonValueKind.Array ? rooms : rooms.GetProperty("rooms");
        return list.EnumerateArray().Single(r => r.GetProperty("id").GetString() == roomId).GetProperty("status").GetString()!;
    }

    private static async Task EndsAfterTheGracePeriodAsync(LiveRoomServerProcess server, string roomId)
    {
        await server.Output.WaitForAsync(l => l.Any(x => x.Contains(roomId, StringComparison.Ordinal) && x.Contains("did not return in time", StringComparison.Ordinal)), "the end after the grace period", MediaTimeout);
        (await StatusAsync(server, roomId)).ShouldBe("ended");
    }

    /// <summary>Runs <paramref name="test"/> with a data directory of its own, deleted afterwards.</summary>
    private static async Task InDataDirectoryAsync(Func<string, Task> test)
    {
        var data = Path.Combine(Path.GetTempPath(), "liveroom-tests", "crash-" + Guid.NewGuid().ToString("N"));
        try
        {
            await test(data);
        }
        finally
        {
            try
            {
                Directory.Delete(data, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
