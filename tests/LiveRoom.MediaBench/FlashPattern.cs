using System.Globalization;

namespace LiveRoom.MediaBench;

/// <summary>
/// The latency test picture: black, with a full-frame flash for 0.2 s at the start of every period. Flash k
/// (shown from media time k × period) is drawn at luma 70 + 20 × (k mod 8), so a receiver can tell which
/// flash it sees from the picture alone, even when it is more than a period behind (up to 8 periods: 24 s
/// with the default 3.1 s period). A flat full frame survives H.264 at any bitrate within a step or two of luma.
/// </summary>
public sealed class FlashPattern(double periodSeconds)
{
    public const double FlashSeconds = 0.2;
    public const int Codes = 8;
    private const double BlackLuma = 16;
    private const double FirstLuma = 70;
    private const double LumaStep = 20;

    public double PeriodSeconds { get; } = periodSeconds > FlashSeconds * 2
        ? periodSeconds
        : throw new ArgumentOutOfRangeException(nameof(periodSeconds), "The period must be well above the flash (0.2 s).");

    /// <summary>
    /// The filter that turns a tiny <c>color</c> source into the pattern at <paramref name="width"/>×<paramref name="height"/>:
    /// <c>geq</c> draws the luma from the frame time on 64×36 pixels (cheap), then it is scaled up. Half a frame is
    /// added to the time so that the frame at exactly k × period is the first of flash k whatever the rounding of its time.
    /// </summary>
    public string VideoFilter(int width, int height, int fps)
    {
        var half = Number(0.5 / fps);
        var period = Number(PeriodSeconds);
        var lum = $"if(lt(mod(T+{half},{period}),{Number(FlashSeconds)}),{Number(FirstLuma)}+{Number(LumaStep)}*mod(floor((T+{half})/{period}),{Codes}),{Number(BlackLuma)})";
        return $"geq=lum='{lum}':cb=128:cr=128,scale={width}:{height}:flags=neighbor,format=yuv420p";
    }

    /// <summary>Whether a frame of average luma <paramref name="yavg"/> belongs to a flash.</summary>
    public static bool IsFlash(double yavg) => yavg >= (BlackLuma + FirstLuma) / 2;

    /// <summary>Which flash code (k mod 8) the luma says, or null when it is between levels.</summary>
    public static int? Code(double yavg)
    {
        var code = Math.Round((yavg - FirstLuma) / LumaStep);
        if (code < 0 || code >= Codes || Math.Abs(yavg - (FirstLuma + (LumaStep * code))) > LumaStep / 3) return null;
        return (int)code;
    }

    /// <summary>When flash <paramref name="k"/> was sent, if the publisher's media time 0 was sent at <paramref name="t0"/>.</summary>
    public double SentAt(double t0, long k) => t0 + (PeriodSeconds * k);

    /// <summary>The latest flash with <paramref name="code"/> sent no later than <paramref name="receivedAt"/> (50 ms of slack for the calibration).</summary>
    public long FlashIndex(double t0, double receivedAt, int code)
    {
        var latest = (long)Math.Floor((receivedAt - t0 + 0.05) / PeriodSeconds);
        return latest - (((latest - code) % Codes) + Codes) % Codes;
    }

    private static string Number(double value) => value.ToString("0.######", CultureInfo.InvariantCulture);
}
