using System.Buffers.Binary;
using LiveRoom.Media.Flv;
using LiveRoom.Media.Rtmp;

namespace LiveRoom.Media.Tests.Flv;

/// <summary>
/// Synthetic tags shaped like H.264/AAC in FLV. Frames carry a sequence number after their codec header so
/// a test can check that a viewer got a gap-free, in-order run.
/// </summary>
public static class TestTags
{
    public static FlvTag Metadata(uint timestamp = 0)
    {
        var data = new List<byte>();
        Amf0.Write(data, "onMetaData");
        Amf0.Write(data, new Dictionary<string, object?> { ["width"] = 320.0, ["height"] = 240.0, ["videocodecid"] = 7.0, ["audiocodecid"] = 10.0 });
        return new FlvTag(FlvTag.Script, timestamp, data.ToArray());
    }

    public static FlvTag AvcHeader(byte version = 1) => new(FlvTag.Video, 0, new byte[] { 0x17, 0, 0, 0, 0, version, 0x64, 0, 0x1F, 0xFF, 0xE1 });

    public static FlvTag AacHeader() => new(FlvTag.Audio, 0, new byte[] { 0xAF, 0, 0x11, 0x90 });

    public static FlvTag Keyframe(uint timestamp, int sequence, int size = 64) => Frame(FlvTag.Video, [0x17, 1, 0, 0, 0], timestamp, sequence, size);

    public static FlvTag Interframe(uint timestamp, int sequence, int size = 64) => Frame(FlvTag.Video, [0x27, 1, 0, 0, 0], timestamp, sequence, size);

    public static FlvTag AudioFrame(uint timestamp, int sequence, int size = 16) => Frame(FlvTag.Audio, [0xAF, 1], timestamp, sequence, size);

    /// <summary>The sequence number of a frame made here, or -1 for a header or metadata.</summary>
    public static int SequenceOf(FlvTag tag) =>
        tag.Type == FlvTag.Script || tag.IsSequenceHeader ? -1 : BinaryPrimitives.ReadInt32BigEndian(tag.Data.Span[(tag.Type == FlvTag.Video ? 5 : 2)..]);

    /// <summary>
    /// A stream of <paramref name="count"/> frames: a keyframe every <paramref name="gop"/> video frames,
    /// video every 40 ms and audio (about every 21 ms) interleaved, numbered from 0.
    /// </summary>
    public static IEnumerable<FlvTag> Stream(int count, int gop = 10, int videoSize = 64)
    {
        var video = 0;
        for (var sequence = 0; sequence < count; sequence++)
        {
            if (sequence % 3 == 2)
            {
                yield return AudioFrame((uint)(sequence / 3 * 64), sequence);
                continue;
            }

            var timestamp = (uint)(video * 40);
            yield return video % gop == 0 ? Keyframe(timestamp, sequence, videoSize) : Interframe(timestamp, sequence, videoSize);
            video++;
        }
    }

    private static FlvTag Frame(byte type, byte[] codecHeader, uint timestamp, int sequence, int size)
    {
        var data = new byte[codecHeader.Length + Math.Max(size, 4)];
        codecHeader.CopyTo(data, 0);
        BinaryPrimitives.WriteInt32BigEndian(data.AsSpan(codecHeader.Length), sequence);
        return new FlvTag(type, timestamp, data);
    }
}
