using LiveRoom.Media.Flv;
using LiveRoom.Media.Rtmp;

namespace LiveRoom.Media.Live;

/// <summary>What the publisher said about its stream in onMetaData.</summary>
public sealed record SourceInfo(int? Width, int? Height, int? VideoKbps, int? AudioKbps)
{
    public static SourceInfo Unknown { get; } = new(null, null, null, null);

    public static SourceInfo FromMetadata(FlvTag script)
    {
        try
        {
            var values = Amf0.ReadAll(script.Data.Span);
            if (values.Count < 2 || values[0] as string != "onMetaData" || values[1] is not Dictionary<string, object?> properties) return Unknown;
            return new SourceInfo(Number(properties, "width"), Number(properties, "height"), Number(properties, "videodatarate"), Number(properties, "audiodatarate"));
        }
        catch (RtmpProtocolException)
        {
            return Unknown;
        }
    }

    private static int? Number(Dictionary<string, object?> properties, string name) =>
        properties.TryGetValue(name, out var value) && value is double d && d > 0 && d < 100_000 ? (int)Math.Round(d) : null;
}
