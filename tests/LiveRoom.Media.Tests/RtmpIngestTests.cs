using System.Net.Sockets;
using LiveRoom.Contracts.Rooms;
using LiveRoom.Media.Flv;
using LiveRoom.Shared;

namespace LiveRoom.Media.Tests;

public sealed class RtmpIngestTests(RtmpServerFixture fixture) : IClassFixture<RtmpServerFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task FfmpegPublishesAndTheSessionReceivesMetadataCodecHeadersKeyframesAndAudio()
    {
        var (roomId, key) = NewRoom();

        var (exit, errors) = await Ffmpeg.PublishAsync($"rtmp://127.0.0.1:{fixture.Port}/live/{key}", 2, Timeout);

        exit.ShouldBe(0, errors);
        var session = fixture.Gate.Sessions.Single(s => s.RoomId == roomId);
        var ended = await session.Ended.WaitAsync(Timeout);
        ended.Graceful.ShouldBeTrue(ended.Reason);
        var tags = session.Tags.ToArray();
        tags[0].Type.ShouldBe(FlvTag.Script);
        System.Text.Encoding.ASCII.GetString(tags[0].Data.Span).ShouldContain("onMetaData");
        tags.ShouldContain(t => t.Type == FlvTag.Video && t.IsSequenceHeader);
        tags.ShouldContain(t => t.Type == FlvTag.Audio && t.IsSequenceHeader);
        tags.Count(t => t.IsKeyframe && !t.IsSequenceHeader).ShouldBeGreaterThanOrEqualTo(2);
        tags.Count(t => t.Type == FlvTag.Video).ShouldBeGreaterThan(40, "two seconds at 25 fps");
        var videoTimes = tags.Where(t => t.Type == FlvTag.Video).Select(t => t.Timestamp).ToArray();
        videoTimes.ShouldBe(videoTimes.Order().ToArray(), "timestamps only move forward");
        videoTimes[^1].ShouldBeInRange(1800u, 2200u);
    }

    [Fact]
    public async Task AWrongStreamKeyIsRefusedAndLogged()
    {
        var (roomId, key) = NewRoom();
        var wrong = RoomIds.NewStreamKey(roomId);

        var (exit, _) = await Ffmpeg.PublishAsync($"rtmp://127.0.0.1:{fixture.Port}/live/{wrong}", 1, Timeout);

        exit.ShouldNotBe(0);
        fixture.Gate.Sessions.ShouldNotContain(s => s.RoomId == roomId);
        fixture.Logs.Lines.ShouldContain(l => l.Contains(roomId, StringComparison.Ordinal) && l.Contains("Wrong stream key", StringComparison.Ordinal));
        await AGoodPublisherStillGetsThroughAsync();
        key.ShouldNotBe(wrong);
    }

    [Theory]
    [InlineData("not-a-key")]
    [InlineData("../../../etc/passwd")]
    [InlineData("abcdefghij_tooshort")]
    public async Task StreamKeysOfTheWrongShapeAreRefusedBeforeAnyLookup(string key)
    {
        var before = fixture.Gate.Sessions.Count;

        var (exit, _) = await Ffmpeg.PublishAsync($"rtmp://127.0.0.1:{fixture.Port}/live/{Uri.EscapeDataString(key)}", 1, Timeout);

        exit.ShouldNotBe(0);
        fixture.Gate.Sessions.Count.ShouldBe(before);
        fixture.Logs.Lines.ShouldContain(l => l.Contains("wrong shape", StringComparison.Ordinal));
    }

    [Fact]
    public async Task GarbageTruncatedAndOversizedInputIsRefusedAndTheServerStaysUp()
    {
        // Not RTMP at all.
        await SendAndExpectCloseAsync(System.Text.Encoding.ASCII.GetBytes("GET / HTTP/1.1\r\nHost: x\r\n\r\n" + new string('A', 3000)));
        // A handshake cut short.
        await SendAndExpectCloseAsync([3, 0, 0, 0, 0], closeOurSide: true);
        // A message that declares 16 MiB (over the limit) right after the handshake.
        await SendAndExpectCloseAsync(AfterHandshake([0x03, 0, 0, 0, 0xFF, 0xFF, 0xFF, 20, 0, 0, 0, 0]));
        // One-byte chunks.
        await SendAndExpectCloseAsync(AfterHandshake([0x02, 0, 0, 0, 0, 0, 4, 1, 0, 0, 0, 0, 0, 0, 0, 1]));
        // A continuation chunk on a chunk stream never opened.
        await SendAndExpectCloseAsync(AfterHandshake([0xC7, 1, 2, 3]));
        // Deeply nested AMF0 objects in a command.
        var nested = new List<byte> { 0x02, 0, 7 };
        nested.AddRange("connect"u8.ToArray());
        nested.AddRange([0x00, 0x3F, 0xF0, 0, 0, 0, 0, 0, 0]);
        for (var i = 0; i < 100; i++) nested.AddRange([0x03, 0, 1, (byte)'a']);
        var command = new List<byte> { 0x03, 0, 0, 0, 0, 0, (byte)nested.Count, 20, 0, 0, 0, 0 };
        command.AddRange(nested.Take(128));
        for (var offset = 128; offset < nested.Count; offset += 128)
        {
            command.Add(0xC3);
            command.AddRange(nested.Skip(offset).Take(128));
        }

        await SendAndExpectCloseAsync(AfterHandshake([.. command]));

        fixture.Logs.Lines.ShouldContain(l => l.Contains("over the limit", StringComparison.Ordinal));
        fixture.Logs.Lines.ShouldContain(l => l.Contains("below the minimum", StringComparison.Ordinal));
        fixture.Logs.Lines.ShouldContain(l => l.Contains("nested too deeply", StringComparison.Ordinal));
        await AGoodPublisherStillGetsThroughAsync();
    }

    [Fact]
    public async Task AStalledHandshakeTimesOut()
    {
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", fixture.Port).WaitAsync(Timeout);
        var stream = client.GetStream();
        await stream.WriteAsync(new byte[] { 3, 0, 0 }).AsTask().WaitAsync(Timeout);

        var read = await stream.ReadAsync(new byte[16]).AsTask().WaitAsync(Timeout);

        read.ShouldBe(0, "the server closes a handshake that stalls");
        fixture.Logs.Lines.ShouldContain(l => l.Contains("timed out", StringComparison.Ordinal));
    }

    [Fact]
    public async Task APublisherThatGoesSilentIsDroppedAfterTheIdleTimeout()
    {
        var (roomId, key) = NewRoom();
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", fixture.Port).WaitAsync(Timeout);
        var stream = client.GetStream();
        await RawRtmp.HandshakeAsync(stream);
        await RawRtmp.RequestPublishAsync(stream, key);
        await ReadUntilAsync(stream, "NetStream.Publish.Start");
        var session = fixture.Gate.Sessions.Single(s => s.RoomId == roomId);

        var ended = await session.Ended.WaitAsync(Timeout);

        ended.Graceful.ShouldBeFalse();
        ended.Reason.ShouldContain("silent");
        fixture.Logs.Lines.ShouldContain(l => l.Contains("went silent", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AHugeChunkSizeIsClampedNotAllocated()
    {
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", fixture.Port).WaitAsync(Timeout);
        var stream = client.GetStream();
        await RawRtmp.HandshakeAsync(stream);

        // Set Chunk Size 0x7FFFFFFF, then keep the connection: it is still being served.
        await stream.WriteAsync(RawRtmp.HugeChunkSize()).AsTask().WaitAsync(Timeout);
        await stream.WriteAsync(ConnectCommand()).AsTask().WaitAsync(Timeout);

        var reply = new byte[64];
        var read = await stream.ReadAsync(reply).AsTask().WaitAsync(Timeout);
        read.ShouldBeGreaterThan(0, "the server answers connect after a huge chunk size");
    }

    private async Task AGoodPublisherStillGetsThroughAsync()
    {
        var (roomId, key) = NewRoom();
        var (exit, errors) = await Ffmpeg.PublishAsync($"rtmp://127.0.0.1:{fixture.Port}/live/{key}", 1, Timeout);
        exit.ShouldBe(0, errors);
        fixture.Gate.Sessions.ShouldContain(s => s.RoomId == roomId && s.Tags.Count > 10);
    }

    private (string RoomId, string Key) NewRoom()
    {
        var roomId = RoomIds.NewRoomId();
        var key = RoomIds.NewStreamKey(roomId);
        fixture.Gate.Allow(roomId, key);
        return (roomId, key);
    }

    private async Task SendAndExpectCloseAsync(byte[] data, bool closeOurSide = false)
    {
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", fixture.Port).WaitAsync(Timeout);
        var stream = client.GetStream();
        try
        {
            await stream.WriteAsync(data).AsTask().WaitAsync(Timeout);
            if (closeOurSide) client.Client.Shutdown(SocketShutdown.Send);
            var buffer = new byte[8192];
            while (await stream.ReadAsync(buffer).AsTask().WaitAsync(Timeout) > 0)
            {
            }
        }
        catch (IOException)
        {
            // A reset is a close too.
        }
    }

    private static byte[] AfterHandshake(byte[] chunks)
    {
        var data = new byte[1 + (2 * 1536) + chunks.Length];
        data[0] = 3;
        chunks.CopyTo(data, 1 + (2 * 1536));
        return data;
    }

    private static async Task ReadUntilAsync(NetworkStream stream, string marker)
    {
        var seen = new List<byte>();
        var buffer = new byte[4096];
        while (!System.Text.Encoding.ASCII.GetString(seen.ToArray()).Contains(marker, StringComparison.Ordinal))
        {
            var read = await stream.ReadAsync(buffer).AsTask().WaitAsync(Timeout);
            if (read == 0) throw new IOException($"The server closed before sending {marker}.");
            seen.AddRange(buffer.AsSpan(0, read).ToArray());
        }
    }

    private static byte[] ConnectCommand()
    {
        var body = new List<byte> { 0x02, 0, 7 };
        body.AddRange("connect"u8.ToArray());
        body.AddRange([0x00, 0x3F, 0xF0, 0, 0, 0, 0, 0, 0, 0x03, 0, 3]);
        body.AddRange("app"u8.ToArray());
        body.AddRange([0x02, 0, 4]);
        body.AddRange("live"u8.ToArray());
        body.AddRange([0, 0, 9]);
        var message = new List<byte> { 0x03, 0, 0, 0, 0, 0, (byte)body.Count, 20, 0, 0, 0, 0 };
        message.AddRange(body);
        return [.. message];
    }
}
