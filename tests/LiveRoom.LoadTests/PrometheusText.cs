using System.Globalization;

namespace LiveRoom.LoadTests;

/// <summary>Reads values out of the Prometheus text exposition format.</summary>
internal static class PrometheusText
{
    /// <summary>
    /// The sum of every series of the first of <paramref name="names"/> present (labels ignored, so
    /// <c>cpu{mode="user"}</c> and <c>cpu{mode="system"}</c> add up); null when none is present.
    /// </summary>
    public static double? Sum(string text, params ReadOnlySpan<string> names)
    {
        foreach (var name in names)
        {
            double sum = 0;
            var found = false;
            foreach (var range in text.AsSpan().Split('\n'))
            {
                var line = text.AsSpan(range).Trim();
                if (line.IsEmpty || line[0] == '#' || !line.StartsWith(name, StringComparison.Ordinal)) continue;
                var rest = line[name.Length..];
                if (rest.IsEmpty || (rest[0] != '{' && rest[0] != ' ')) continue;
                if (rest[0] == '{')
                {
                    var close = rest.LastIndexOf('}');
                    if (close < 0) continue;
                    rest = rest[(close + 1)..];
                }

                rest = rest.TrimStart();
                var end = rest.IndexOf(' ');
                var number = end < 0 ? rest : rest[..end];
                if (double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value))
                {
                    sum += value;
                    found = true;
                }
            }

            if (found) return sum;
        }

        return null;
    }
}
