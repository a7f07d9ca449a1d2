namespace LiveRoom.Media.Flv;

/// <summary>One FLV tag: audio (8), video (9) or script data (18), with its timestamp in milliseconds.</summary>
public sealed record FlvTag(byte Type, uint Timestamp, ReadOnlyMemory<byte> Data)
{
    public const byte Audio = 8;
    public const byte Video = 9;
    public const byte Script = 18;

    /// <summary>True for a video tag that starts a group of pictures (an H.264 keyframe or sequence header).</summary>
    public bool IsKeyframe => Type == Video && Data.Length > 0 && (Data.Span[0] >> 4) == 1;

    /// <summary>True for codec configuration (AVC or AAC sequence header), which a player needs before any frame.</summary>
    public bool IsSequenceHeader =>
        Data.Length > 1 && ((Type == Video && (Data.Span[0] & 0x0F) == 7 && Data.Span[1] == 0) || (Type == Audio && (Data.Span[0] >> 4) == 10 && Data.Span[1] == 0));
}
