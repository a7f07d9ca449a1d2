using System.Buffers.Binary;
using LiveRoom.Media.Flv;

namespace LiveRoom.Media.Tests.Flv;

/// <summary>A test-only FLV parser: the header's flags and every tag, checking each PreviousTagSize on the way.</summary>
public static class FlvTestReader
{
    public static (byte Flags, List<FlvTag> Tags) Parse(ReadOnlySpan<byte> data)
    {
        data.Length.ShouldBeGreaterThanOrEqualTo(13, "an FLV stream starts with a 13-byte header");
        data[..3].ToArray().ShouldBe("FLV"u8.ToArray(), "the FLV signature");
        data[3].ShouldBe((byte)1, "FLV version 1");
        BinaryPrimitives.ReadUInt32BigEndian(data[5..]).ShouldBe(9u, "the header size");
        BinaryPrimitives.ReadUInt32BigEndian(data[9..]).ShouldBe(0u, "PreviousTagSize0");
        var tags = new List<FlvTag>();
        var offset = 13;
        while (offset < data.Length)
        {
            (data.Length - offset).ShouldBeGreaterThanOrEqualTo(11, $"a whole tag header at byte {offset}");
            var header = data.Slice(offset, 11);
            var size = (header[1] << 16) | (header[2] << 8) | header[3];
            var timestamp = (uint)((header[7] << 24) | (header[4] << 16) | (header[5] << 8) | header[6]);
            (header[8] | header[9] | header[10]).ShouldBe(0, "StreamID is always 0");
            (data.Length - offset).ShouldBeGreaterThanOrEqualTo(11 + size + 4, $"a whole tag at byte {offset}");
            tags.Add(new FlvTag(header[0], timestamp, data.Slice(offset + 11, size).ToArray()));
            BinaryPrimitives.ReadUInt32BigEndian(data[(offset + 11 + size)..]).ShouldBe((uint)(11 + size), $"PreviousTagSize after the tag at byte {offset}");
            offset += 11 + size + 4;
        }

        return (data[4], tags);
    }

    /// <summary>Whatever is queued on a subscription right now, without waiting.</summary>
    public static byte[] Drain(FlvSubscription subscription)
    {
        var bytes = new MemoryStream();
        while (subscription.Reader.TryRead(out var chunk)) bytes.Write(chunk.Span);
        return bytes.ToArray();
    }
}
