using System.Globalization;
using CsvHelper;
using LiveRoom.Contracts.Funnel;

namespace LiveRoom.Server.Funnel;

/// <summary>
/// A funnel as a CSV file (UTF-8 with a byte-order mark, formula-like cells neutralised as in the leads export):
/// one row per figure, one per step with its rates, one per agent with their call figures. Columns that do not
/// apply to a row are empty.
/// </summary>
public static class FunnelCsv
{
    public const string ContentType = "text/csv; charset=utf-8";

    private static readonly CsvWriterOptions Options = CsvWriterOptions.Default with { Injection = CsvInjection.Escape, WriteByteOrderMark = true };

    private static readonly string[] Headers =
    [
        "section", "name", "value", "of_previous", "of_viewers", "agent_id", "average_wait_seconds", "average_handle_seconds", "average_rating", "ratings",
    ];

    public static bool IsWanted(HttpRequest request) =>
        request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("text/csv", StringComparison.OrdinalIgnoreCase))
        || string.Equals(request.Query["format"], "csv", StringComparison.OrdinalIgnoreCase);

    public static byte[] Write(FunnelReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var bytes = new MemoryStream();
        using (var csv = CsvWriter.Create(bytes, Options, leaveOpen: true))
        {
            csv.WriteHeader(Headers);
            var totals = report.Totals;
            Figure(csv, "room", report.RoomId ?? "all");
            Figure(csv, "from", report.From is { } from ? Time(from) : null);
            Figure(csv, "to", report.To is { } to ? Time(to) : null);
            Figure(csv, "viewers", Number(report.Viewers));
            Figure(csv, "peak_viewers", Number(report.PeakViewers));
            Figure(csv, "peak_at", report.PeakAt is { } peak ? Time(peak) : null);
            Figure(csv, "average_watch_seconds", Number(report.AverageWatchSeconds));
            Figure(csv, "joins", Number(totals.Joins));
            Figure(csv, "watch_seconds", Number(totals.WatchSeconds));
            Figure(csv, "chat_messages", Number(totals.ChatMessages));
            Figure(csv, "questions", Number(totals.Questions));
            Figure(csv, "upvotes", Number(totals.Upvotes));
            Figure(csv, "card_clicks", Number(totals.CardClicks));
            Figure(csv, "channel_visits", Number(totals.ChannelVisits));
            Figure(csv, "qr_scans", Number(totals.QrScans));
            Figure(csv, "call_requests", Number(totals.CallRequests));
            Figure(csv, "calls_accepted", Number(totals.CallsAccepted));
            Figure(csv, "calls_completed", Number(totals.CallsCompleted));
            Figure(csv, "leads", Number(totals.Leads));
            foreach (var step in report.Steps)
            {
                csv.WriteField("step");
                csv.WriteField(step.Step);
                csv.WriteField(Number(step.Count));
                csv.WriteField(step.OfPrevious is { } previous ? Number(previous) : null);
                csv.WriteField(step.OfViewers is { } viewers ? Number(viewers) : null);
                for (var i = 0; i < 5; i++) csv.WriteField((string?)null);
                csv.EndRecord();
            }

            foreach (var agent in report.Agents)
            {
                csv.WriteField("agent");
                csv.WriteField(agent.DisplayName);
                csv.WriteField(Number(agent.Calls));
                csv.WriteField((string?)null);
                csv.WriteField((string?)null);
                csv.WriteField(agent.AgentId);
                csv.WriteField(Number(agent.AverageWaitSeconds));
                csv.WriteField(agent.AverageHandleSeconds is { } handle ? Number(handle) : null);
                csv.WriteField(agent.AverageRating is { } rating ? Number(rating) : null);
                csv.WriteField(Number(agent.Ratings));
                csv.EndRecord();
            }
        }

        return bytes.ToArray();
    }

    private static void Figure(CsvWriter csv, string name, string? value)
    {
        csv.WriteField("figure");
        csv.WriteField(name);
        csv.WriteField(value);
        for (var i = 0; i < 7; i++) csv.WriteField((string?)null);
        csv.EndRecord();
    }

    private static string Number(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
