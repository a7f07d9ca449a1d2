using System.Globalization;
using LiveRoom.Contracts.Common;

namespace LiveRoom.Server.Funnel;

/// <summary>Reads a funnel's optional time range from the query: ISO-8601 times, or dates (midnight UTC; <c>to</c> a date includes that day).</summary>
internal static class FunnelRange
{
    public static Outcome<(DateTimeOffset? From, DateTimeOffset? To)> Read(string? from, string? to)
    {
        if (!TryRead(from, endOfDay: false, out var start)) return Outcome<(DateTimeOffset?, DateTimeOffset?)>.Refused(RefusalCode.Invalid, "'from' is not a date or an ISO-8601 time.");
        if (!TryRead(to, endOfDay: true, out var end)) return Outcome<(DateTimeOffset?, DateTimeOffset?)>.Refused(RefusalCode.Invalid, "'to' is not a date or an ISO-8601 time.");
        if (start is not null && end is not null && end <= start) return Outcome<(DateTimeOffset?, DateTimeOffset?)>.Refused(RefusalCode.Invalid, "'to' must come after 'from'.");
        return Outcome<(DateTimeOffset?, DateTimeOffset?)>.Ok((start, end));
    }

    private static bool TryRead(string? text, bool endOfDay, out DateTimeOffset? value)
    {
        value = null;
        if (string.IsNullOrWhiteSpace(text)) return true;
        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            var midnight = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            value = endOfDay ? midnight.AddDays(1) : midnight;
            return true;
        }

        if (!DateTimeOffset.TryParse(text.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)) return false;
        value = parsed.ToUniversalTime();
        return true;
    }
}
