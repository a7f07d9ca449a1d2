using LiveRoom.Media.Rtmp;

namespace LiveRoom.Media.Tests;

public sealed class ChunkReaderTests
{
    [Fact]
    public async Task AMessageSplitOverChunksWithAnExtendedTimestampIsReassembled()
    {
        var payload = Enumerable.Range(0, 300).Select(i => (byte)i).ToArray();
        var bytes = new List<byte> { 0x06, 0xFF, 0xFF, 0xFF, 0, 0x01, 0x2C, 9, 1, 0, 0, 0, 0x01, 0x00, 0x00, 0x00 };
        bytes.AddRange(payload.Take(128));
        bytes.AddRange([0xC6, 0x01, 0x00, 0x00, 0x00]);
        bytes.AddRange(payload.Skip(128).Take(128));
        bytes.AddRange([0xC6, 0x01, 0x00, 0x00, 0x00]);
        bytes.AddRange(payload.Skip(256));
        var reader = new RtmpChunkReader(new MemoryStream([.. bytes]), RtmpLimits.Default);

        var message = await reader.ReadMessageAsync(CancellationToken.None);

        message!.TypeId.ShouldBe(RtmpMessage.Video);
        message.Timestamp.ShouldBe(0x01000000u);
        message.StreamId.ShouldBe(1u);
        message.ChunkStreamId.ShouldBe(6);
        message.Payload.ShouldBe(payload);
        (await reader.ReadMessageAsync(CancellationToken.None)).ShouldBeNull("the stream ended between messages");
    }

    [Fact]
    public async Task HeaderTypesOneTwoAndThreeCarryTimestampDeltas()
    {
        var bytes = new List<byte>
        {
            0x04, 0, 0, 100, 0, 0, 1, 8, 1, 0, 0, 0, 0xAA, // type 0: t=100, audio, 1 byte
            0x44, 0, 0, 20, 0, 0, 2, 8, 0xBB, 0xBC,         // type 1: +20, 2 bytes
            0x84, 0, 0, 30, 0xCC, 0xCD,                      // type 2: +30, same length
            0xC4, 0xDD, 0xDE,                                // type 3: +30 again
        };
        var reader = new RtmpChunkReader(new MemoryStream([.. bytes]), RtmpLimits.Default);

        var times = new List<uint>();
        while (await reader.ReadMessageAsync(CancellationToken.None) is { } message) times.Add(message.Timestamp);

        times.ShouldBe([100u, 120u, 150u, 180u]);
    }

    [Fact]
    public async Task TooManyChunkStreamsAreRefused()
    {
        var bytes = new List<byte>();
        for (var id = 3; id < 3 + 17; id++) bytes.AddRange([(byte)id, 0, 0, 0, 0, 0, 1, 8, 1, 0, 0, 0, 0]);
        var reader = new RtmpChunkReader(new MemoryStream([.. bytes]), RtmpLimits.Default);

        var refused = await Should.ThrowAsync<RtmpProtocolException>(async () =>
        {
            while (await reader.ReadMessageAsync(CancellationToken.None) is not null)
            {
            }
        });

        refused.Message.ShouldContain("chunk streams");
    }

    [Fact]
    public void Amf0ReadsWhatItWritesAndBoundsNesting()
    {
        var written = new List<byte>();
        Amf0.Write(written, "onStatus");
        Amf0.Write(written, 0.0);
        Amf0.Write(written, null);
        Amf0.Write(written, new Dictionary<string, object?> { ["code"] = "NetStream.Publish.Start", ["ok"] = true, ["n"] = 2.5 });

        var values = Amf0.ReadAll(written.ToArray());

        values[0].ShouldBe("onStatus");
        values[1].ShouldBe(0.0);
        values[2].ShouldBeNull();
        var status = values[3].ShouldBeOfType<Dictionary<string, object?>>();
        status["code"].ShouldBe("NetStream.Publish.Start");
        status["ok"].ShouldBe(true);
        var deep = Enumerable.Repeat(new byte[] { 0x0A, 0, 0, 0, 1 }, 50).SelectMany(b => b).ToArray();
        Should.Throw<RtmpProtocolException>(() => Amf0.ReadAll(deep)).Message.ShouldContain("nested too deeply");
        Should.Throw<RtmpProtocolException>(() => Amf0.ReadAll([0x0A, 0xFF, 0xFF, 0xFF, 0xFF])).Message.ShouldContain("too long");
        Should.Throw<RtmpProtocolException>(() => Amf0.ReadAll([0x02, 0, 10, (byte)'a'])).Message.ShouldContain("cut short");
    }
}
