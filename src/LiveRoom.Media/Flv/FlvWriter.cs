using System.Buffers.Binary;

namespace LiveRoom.Media.Flv;

/// <summary>
/// Writes an FLV stream (FLV 1.0): the 9-byte file header and PreviousTagSize0, then every tag as an
/// 11-byte tag header, the body, and the 4-byte size of the tag just written. The static helpers lay
/// out the same bytes into a buffer, so a relay serializes a tag once and hands the same bytes to every
/// viewer. An instance is not thread-safe: one writer per stream, one call at a time.
/// </summary>
public sealed class FlvWriter(Stream destination)
{
    /// <summary>The file header (9 bytes) followed by PreviousTagSize0 (4 zero bytes).</summary>
    public const int HeaderLength = 13;

    /// <summary>Type, DataSize (24 bits), Timestamp (24 bits), TimestampExtended (8 bits), StreamID (24 bits, always 0).</summary>
    public const int TagHeaderLength = 11;

    /// <summary>The PreviousTagSize that follows every tag.</summary>
    public const int TagTrailerLength = 4;

    /// <summary>DataSize is a 24-bit field.</summary>
    public const int MaxDataLength = 0xFF_FFFF;

    private const byte AudioFlag = 0x04;
    private const byte VideoFlag = 0x01;

    private readonly byte[] _scratch = new byte[HeaderLength];

    /// <summary>Bytes one tag with a body of <paramref name="dataLength"/> bytes takes in the stream.</summary>
    public static int TagLength(int dataLength) => TagHeaderLength + dataLength + TagTrailerLength;

    /// <summary>Writes the 13-byte header ("FLV", version 1, the audio/video flags, header size 9, PreviousTagSize0).</summary>
    public static void WriteHeader(Span<byte> destination, bool hasAudio, bool hasVideo)
    {
        if (destination.Length < HeaderLength) throw new ArgumentException($"The FLV header needs {HeaderLength} bytes.", nameof(destination));
        destination[0] = (byte)'F';
        destination[1] = (byte)'L';
        destination[2] = (byte)'V';
        destination[3] = 1;
        destination[4] = (byte)((hasAudio ? AudioFlag : 0) | (hasVideo ? VideoFlag : 0));
        BinaryPrimitives.WriteUInt32BigEndian(destination[5..], 9);
        BinaryPrimitives.WriteUInt32BigEndian(destination[9..], 0);
    }

    /// <summary>The 13-byte header as a new array.</summary>
    public static byte[] Header(bool hasAudio, bool hasVideo)
    {
        var header = new byte[HeaderLength];
        WriteHeader(header, hasAudio, hasVideo);
        return header;
    }

    /// <summary>
    /// Writes one tag (header, body, PreviousTagSize) into <paramref name="destination"/> and returns the
    /// bytes written, <see cref="TagLength"/> of the body length. The timestamp's low 24 bits go into
    /// Timestamp and its high 8 bits into TimestampExtended.
    /// </summary>
    public static int WriteTag(Span<byte> destination, FlvTag tag)
    {
        ArgumentNullException.ThrowIfNull(tag);
        var length = CheckedTagLength(tag);
        if (destination.Length < length) throw new ArgumentException($"The tag needs {length} bytes.", nameof(destination));
        WriteTagHeader(destination, tag);
        tag.Data.Span.CopyTo(destination[TagHeaderLength..]);
        BinaryPrimitives.WriteUInt32BigEndian(destination[(TagHeaderLength + tag.Data.Length)..], (uint)(TagHeaderLength + tag.Data.Length));
        return length;
    }

    /// <summary>One tag exactly as it appears in the stream, in a new array of its own.</summary>
    public static byte[] SerializeTag(FlvTag tag)
    {
        ArgumentNullException.ThrowIfNull(tag);
        var bytes = new byte[CheckedTagLength(tag)];
        WriteTag(bytes, tag);
        return bytes;
    }

    public ValueTask WriteHeaderAsync(bool hasAudio, bool hasVideo, CancellationToken cancellationToken)
    {
        WriteHeader(_scratch, hasAudio, hasVideo);
        return destination.WriteAsync(_scratch.AsMemory(0, HeaderLength), cancellationToken);
    }

    /// <summary>Writes one tag without copying its body.</summary>
    public async ValueTask WriteTagAsync(FlvTag tag, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tag);
        CheckedTagLength(tag);
        WriteTagHeader(_scratch, tag);
        await destination.WriteAsync(_scratch.AsMemory(0, TagHeaderLength), cancellationToken);
        await destination.WriteAsync(tag.Data, cancellationToken);
        BinaryPrimitives.WriteUInt32BigEndian(_scratch, (uint)(TagHeaderLength + tag.Data.Length));
        await destination.WriteAsync(_scratch.AsMemory(0, TagTrailerLength), cancellationToken);
    }

    private static int CheckedTagLength(FlvTag tag) =>
        tag.Data.Length <= MaxDataLength
            ? TagLength(tag.Data.Length)
            : throw new ArgumentException($"An FLV tag body holds at most {MaxDataLength} bytes; this one has {tag.Data.Length}.", nameof(tag));

    private static void WriteTagHeader(Span<byte> destination, FlvTag tag)
    {
        var size = tag.Data.Length;
        destination[0] = tag.Type;
        destination[1] = (byte)(size >> 16);
        destination[2] = (byte)(size >> 8);
        destination[3] = (byte)size;
        destination[4] = (byte)(tag.Timestamp >> 16);
        destination[5] = (byte)(tag.Timestamp >> 8);
        destination[6] = (byte)tag.Timestamp;
        destination[7] = (byte)(tag.Timestamp >> 24);
        destination[8] = 0;
        destination[9] = 0;
        destination[10] = 0;
    }
}
