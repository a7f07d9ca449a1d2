using System.Globalization;

namespace LiveRoom.Server.Products;

/// <summary>Reads the stream clock out of an HLS media playlist as ffmpeg writes it (<c>EXT-X-PROGRAM-DATE-TIME</c> and <c>EXTINF</c>).</summary>
public static class MediaPlaylistTimes
{
    private const string DateTag = "#EXT-X-PROGRAM-DATE-TIME:";
    private const string DurationTag = "#EXTINF:";

    /// <summary>The program date-time of the first segment listed; null when the playlist carries none.</summary>
    public static DateTimeOffset? First(string playlist)
    {
        foreach (var line in playlist.AsSpan().EnumerateLines())
        {
            if (line.StartsWith(DateTag, StringComparison.Ordinal)) return ParseDate(line[DateTag.Length..]);
        }

        return null;
    }

    /// <summary>
    /// Where the last listed segment ends on the stream clock: its program date-time plus its duration, which is the
    /// program date-time of the frame ffmpeg was writing when it wrote the playlist. Null without a date.
    /// </summary>
    public static DateTimeOffset? End(string playlist)
    {
        DateTimeOffset? date = null;
        double pending = 0;
        foreach (var line in playlist.AsSpan().EnumerateLines())
        {
            if (line.StartsWith(DateTag, StringComparison.Ordinal))
            {
                date = ParseDate(line[DateTag.Length..]) ?? date;
                pending = 0;
            }
            else if (line.StartsWith(DurationTag, StringComparison.Ordinal) && date is not null)
            {
                var value = line[DurationTag.Length..];
                var comma = value.IndexOf(',');
                if (comma >= 0) value = value[..comma];
                if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
                {
                    // A segment after a dated one without its own date follows it directly.
                    date = date.Value.AddSeconds(pending);
                    pending = seconds;
                }
            }
        }

        return date?.AddSeconds(pending);
    }

    /// <summary>ffmpeg writes <c>2026-11-29T04:30:01.123+0000</c>; the HLS specification allows <c>…+00:00</c> and <c>…Z</c> too.</summary>
    public static DateTimeOffset? ParseDate(ReadOnlySpan<char> text)
    {
        var value = text.Trim().ToString();
        if (value.Length > 5 && (value[^5] == '+' || value[^5] == '-') && char.IsDigit(value[^1]) && char.IsDigit(value[^4]))
        {
            value = string.Concat(value.AsSpan(0, value.Length - 2), ":", value.AsSpan(value.Length - 2));
        }

        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date) ? date.ToUniversalTime() : null;
    }

    /// <summary>The form HLS writes dates in (ISO 8601 with milliseconds, UTC).</summary>
    public static string FormatDate(DateTimeOffset date) => date.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
