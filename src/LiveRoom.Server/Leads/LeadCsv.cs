using System.Globalization;
using CsvHelper;
using LiveRoom.Contracts.Leads;

namespace LiveRoom.Server.Leads;

/// <summary>
/// The leads of a room as a CSV file for a spreadsheet or a CRM import (UTF-8 with a byte-order mark, so
/// spreadsheet programs read Chinese names right). A cell that a spreadsheet would run as a formula (it begins
/// with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a tab or a carriage return) is neutralised by CsvHelper with a leading
/// apostrophe — a phone number in E.164 included, which then stays text. Rows come in the list's order (the
/// most engaged first), each with the viewer's engagement score.
/// </summary>
public static class LeadCsv
{
    public const string ContentType = "text/csv; charset=utf-8";

    private static readonly CsvWriterOptions Options = CsvWriterOptions.Default with { Injection = CsvInjection.Escape, WriteByteOrderMark = true };

    public static bool IsWanted(HttpRequest request) =>
        request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("text/csv", StringComparison.OrdinalIgnoreCase))
        || string.Equals(request.Query["format"], "csv", StringComparison.OrdinalIgnoreCase);

    public static byte[] Write(IEnumerable<Lead> leads)
    {
        using var bytes = new MemoryStream();
        using (var csv = CsvWriter.Create(bytes, Options, leaveOpen: true))
        {
            csv.WriteHeader(Headers);
            foreach (var lead in leads)
            {
                csv.WriteField(lead.Id);
                csv.WriteField(lead.Name);
                csv.WriteField(lead.Phone);
                csv.WriteField(lead.Email);
                csv.WriteField(lead.Company);
                csv.WriteField(lead.Note);
                csv.WriteField(lead.Source == LeadSource.CallBack ? "call-back" : "form");
                csv.WriteField(Time(lead.CreatedAt));
                csv.WriteField(Time(lead.UpdatedAt));
                csv.WriteField(lead.Consent.Version.ToString(CultureInfo.InvariantCulture));
                csv.WriteField(lead.Consent.Locale);
                csv.WriteField(Time(lead.Consent.At));
                csv.WriteField(lead.Consent.Text);
                csv.WriteField(lead.MarketingConsent is null ? "no" : "yes");
                csv.WriteField(lead.MarketingConsent?.Text);
                csv.WriteField(lead.ContactedAt is { } contacted ? Time(contacted) : null);
                csv.WriteField(lead.ContactedBy);
                csv.WriteField(lead.Score is { } score ? score.ToString("0.#", CultureInfo.InvariantCulture) : null);
                csv.EndRecord();
            }
        }

        return bytes.ToArray();
    }

    private static readonly string[] Headers =
    [
        "id", "name", "phone", "email", "company", "question", "source", "created_at", "updated_at",
        "consent_version", "consent_locale", "consented_at", "consent_text", "marketing_opt_in", "marketing_text",
        "contacted_at", "contacted_by", "score",
    ];

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
