using System.Globalization;

namespace LiveRoom.Server.Webhooks;

/// <summary>Durations written the short way (<c>500ms</c>, <c>5s</c>, <c>5m</c>, <c>2h</c>, <c>1d</c>), as in the retry schedule.</summary>
internal static class WebhookDurations
{
    public static IReadOnlyList<TimeSpan> ParseList(string text) =>
        TryParseList(text, out var list) ? list : throw new FormatException($"Not a list of durations: {text}");

    public static bool TryParseList(string? text, out IReadOnlyList<TimeSpan> list)
    {
        var parsed = new List<TimeSpan>();
        list = parsed;
        if (string.IsNullOrWhiteSpace(text)) return true;
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!TryParse(part, out var value)) return false;
            parsed.Add(value);
        }

        return true;
    }

    private static bool TryParse(string text, out TimeSpan value)
    {
        value = default;
        var unit = text.EndsWith("ms", StringComparison.OrdinalIgnoreCase) ? "ms" : text[^1..].ToLowerInvariant();
        if (!double.TryParse(text[..^unit.Length], NumberStyles.Float, CultureInfo.InvariantCulture, out var amount) || amount < 0) return false;
        value = unit switch
        {
            "ms" => TimeSpan.FromMilliseconds(amount),
            "s" => TimeSpan.FromSeconds(amount),
            "m" => TimeSpan.FromMinutes(amount),
            "h" => TimeSpan.FromHours(amount),
            "d" => TimeSpan.FromDays(amount),
            _ => TimeSpan.MinValue,
        };
        return value != TimeSpan.MinValue;
    }
}
