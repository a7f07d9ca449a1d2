using LiveRoom.Contracts.Rooms;
using LiveRoom.Shared;
using LiveRoom.Testing;

namespace LiveRoom.Server.Tests;

/// <summary>What anyone who can reach the RTMP port may cause.</summary>
public sealed class IngestAbuseTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private LiveRoomTestServer Server => fixture.Server;

    [Fact]
    public async Task GuessingStreamKeysWritesABoundedNumberOfLogLines()
    {
        var room = await Server.CreateRoomAsync("guessed").WaitAsync(RoomClient.CallTimeout);

        for (var i = 0; i < 100; i++)
        {
            using var client = await RawRtmp.ConnectHandshakenAsync(Server.RtmpPort);
            var stream = client.GetStream();
            await RawRtmp.RequestPublishAsync(stream, RoomIds.NewStreamKey(room.Id));
            (await RawRtmp.ClosedByServerAsync(stream, Timeout)).ShouldBeTrue("a wrong key closes the connection");
        }

        var lines = Server.Logs.Lines.Where(l => l.Contains(room.Id, StringComparison.Ordinal)).ToArray();
        lines.Length.ShouldBeLessThanOrEqualTo(25, string.Join('\n', lines.Take(30)));
        lines.ShouldContain(l => l.Contains("Wrong stream key", StringComparison.Ordinal));
    }
}
