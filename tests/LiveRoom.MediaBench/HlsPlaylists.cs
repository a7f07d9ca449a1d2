using System.Globalization;

namespace LiveRoom.MediaBench;

/// <summary>One rendition a master playlist lists: its playlist URI (relative to the master) and what it declares.</summary>
public sealed record HlsVariant(string Uri, string Name, int? Width, int? Height, long? Bandwidth)
{
    public string Resolution => Width is { } w && Height is { } h ? $"{w}x{h}" : "?";
}

/// <summary>One segment of a media playlist; <see cref="Sequence"/> is its media sequence number.</summary>
public sealed record HlsSegment(long Sequence, double Duration, DateTimeOffset? ProgramDateTime, string Uri);

public sealed record HlsMediaPlaylist(double TargetDuration, IReadOnlyList<HlsSegment> Segments);

/// <summary>The little of HLS playlists the benchmark reads (what ffmpeg's HLS muxer writes).</summary>
public static class HlsPlaylists
{
    public static IReadOnlyList<HlsVariant> ParseMaster(string text)
    {
        var variants = new List<HlsVariant>();
        Dictionary<string, string>? pending = null;
        foreach (var raw in Lines(text))
        {
            if (raw.StartsWith("#EXT-X-STREAM-INF:", StringComparison.Ordinal))
            {
                pending = Attributes(raw["#EXT-X-STREAM-INF:".Length..]);
            }
            else if (pending is not null && !raw.StartsWith('#'))
            {
                int? width = null, height = null;
                if (pending.TryGetValue("RESOLUTION", out var resolution) && resolution.Split('x') is [var w, var h])
                {
                    width = int.Parse(w, CultureInfo.InvariantCulture);
                    height = int.Parse(h, CultureInfo.InvariantCulture);
                }

                long? bandwidth = pending.TryGetValue("BANDWIDTH", out var b) ? long.Parse(b, CultureInfo.InvariantCulture) : null;
                var slash = raw.IndexOf('/', StringComparison.Ordinal);
                variants.Add(new HlsVariant(raw, slash > 0 ? raw[..slash] : raw, width, height, bandwidth));
                pending = null;
            }
        }

        return variants;
    }

    public static HlsMediaPlaylist ParseMedia(string text)
    {
        var segments = new List<HlsSegment>();
        long sequence = 0;
        double target = 0;
        double? duration = null;
        DateTimeOffset? programDateTime = null;
        foreach (var line in Lines(text))
        {
            if (line.StartsWith("#EXT-X-MEDIA-SEQUENCE:", StringComparison.Ordinal))
            {
                sequence = long.Parse(line["#EXT-X-MEDIA-SEQUENCE:".Length..], CultureInfo.InvariantCulture);
            }
            else if (line.StartsWith("#EXT-X-TARGETDURATION:", StringComparison.Ordinal))
            {
                target = double.Parse(line["#EXT-X-TARGETDURATION:".Length..], CultureInfo.InvariantCulture);
            }
            else if (line.StartsWith("#EXTINF:", StringComparison.Ordinal))
            {
                var value = line["#EXTINF:".Length..];
                var comma = value.IndexOf(',', StringComparison.Ordinal);
                duration = double.Parse(comma >= 0 ? value[..comma] : value, CultureInfo.InvariantCulture);
            }
            else if (line.StartsWith("#EXT-X-PROGRAM-DATE-TIME:", StringComparison.Ordinal))
            {
                programDateTime = DateTimeOffset.Parse(line["#EXT-X-PROGRAM-DATE-TIME:".Length..], CultureInfo.InvariantCulture);
            }
            else if (!line.StartsWith('#'))
            {
                segments.Add(new HlsSegment(sequence++, duration ?? 0, programDateTime, line));
                duration = null;
                programDateTime = null;
            }
        }

        return new HlsMediaPlaylist(target, segments);
    }

    private static IEnumerable<string> Lines(string text) =>
        text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0);

    /// <summary>An attribute list (<c>A=1,B="x,y",C=2</c>); commas inside quotes do not separate.</summary>
    private static Dictionary<string, string> Attributes(string list)
    {
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        var i = 0;
        while (i < list.Length)
        {
            var equals = list.IndexOf('=', i);
            if (equals < 0) break;
            var name = list[i..equals].Trim();
            string value;
            if (equals + 1 < list.Length && list[equals + 1] == '"')
            {
                var close = list.IndexOf('"', equals + 2);
                if (close < 0) close = list.Length;
                value = list[(equals + 2)..close];
                i = list.IndexOf(',', Math.Min(close, list.Length - 1));
                i = i < 0 ? list.Length : i + 1;
            }
            else
            {
                var comma = list.IndexOf(',', equals + 1);
                value = comma < 0 ? list[(equals + 1)..] : list[(equals + 1)..comma];
                i = comma < 0 ? list.Length : comma + 1;
            }

            attributes[name] = value;
        }

        return attributes;
    }
}
