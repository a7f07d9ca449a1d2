using System.Buffers.Binary;
using LiveRoom.Media.Flv;

namespace LiveRoom.Media.Recording;

/// <summary>What an archived session (an FLV file the ingest wrote) holds, read from its tag headers only.</summary>
internal static class ArchiveContent
{
    private const int TagHeaderLength = 11;

    /// <summary>
    /// False only when the archive is proven to hold no audio or video frame: nothing but the metadata and
    /// codec configuration a publisher sends first (a tag cut short, by a process that died while writing it,
    /// ends the file). Anything it cannot read as FLV counts as content: ffmpeg is the judge of that.
    /// </summary>
    public static bool HasFrames(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        Span<byte> header = stackalloc byte[9];
        if (file.ReadAtLeast(header, header.Length, throwOnEndOfStream: false) < header.Length) return false;
        if (!header[..3].SequenceEqual("FLV"u8)) return true;
        var position = (long)BinaryPrimitives.ReadUInt32BigEndian(header[5..]) + 4;

        // The tag header and the first two bytes of its data: enough to tell a frame from codec configuration.
        Span<byte> tag = stackalloc byte[TagHeaderLength + 2];
        while (position + tag.Length <= file.Length)
        {
            file.Position = position;
            if (file.ReadAtLeast(tag, tag.Length, throwOnEndOfStream: false) < tag.Length) return false;
            var type = tag[0];
            if (type is not (FlvTag.Audio or FlvTag.Video or FlvTag.Script)) return true;
            var size = (tag[1] << 16) | (tag[2] << 8) | tag[3];
            if (position + TagHeaderLength + size > file.Length) return false;
            if ((type == FlvTag.Audio || type == FlvTag.Video) && size >= 2 && !new FlvTag(type, 0, tag[TagHeaderLength..].ToArray()).IsSequenceHeader)
            {
                return true;
            }

            position += TagHeaderLength + size + 4;
        }

        return false;
    }
}
