using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace LiveRoom.MediaBench;

/// <summary>The report as tables for people and as JSON for tools.</summary>
public static class ReportFormatter
{
    /// <summary>The issue's targets, shown next to the numbers.</summary>
    public const double TargetCores1080 = 0.8;
    public const double TargetFlvP50 = 1.5;
    public const double TargetHlsP50 = 4.0;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        // A report for people and tools, never embedded in HTML: keep '+' and non-ASCII text readable.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string ToJson(MediaBenchReport report) => JsonSerializer.Serialize(report, Json);

    public static string ToText(MediaBenchReport report)
    {
        var text = new StringBuilder();
        var m = report.Machine;
        text.AppendLine(Invariant($"LiveRoom live-video benchmark, {report.StartedAt:yyyy-MM-dd HH:mm} UTC, {report.DurationSeconds:0} s"));
        text.AppendLine(Invariant($"machine: {m.Cores} cores ({m.CpuModel ?? "?"}), {m.MemoryGiB:0.#} GiB; load average {Load(m.LoadAtStart)} before, {Load(m.LoadAtEnd)} after"));
        text.AppendLine(Invariant($"server: {report.ServerUrl}{(report.ServerPid is { } pid ? $" (pid {pid})" : string.Empty)}; {report.FfmpegVersion}"));
        if (report.Note is { Length: > 0 } note) text.AppendLine("note: " + note);
        if (m.OtherBenchmarksAtStart.Count > 0 || m.OtherBenchmarksAtEnd.Count > 0)
        {
            text.AppendLine("WARNING: other benchmarks were running: " + string.Join("; ", m.OtherBenchmarksAtStart.Concat(m.OtherBenchmarksAtEnd).Distinct()));
        }

        if (report.Sources.Count > 0)
        {
            text.AppendLine();
            text.AppendLine("Time to first playable segment (from the publisher's start; publisher sends a pre-encoded clip at real time)");
            var rows = new List<string[]> { new[] { "source", "master listed", "segment listed", "segment downloaded", "rendition" } };
            rows.AddRange(report.Sources.Select(s => new[]
            {
                s.Label, Sec(s.FirstSegment.MasterSeconds), Sec(s.FirstSegment.SegmentListedSeconds), Sec(s.FirstSegment.PlayableSeconds), s.FirstSegment.Rendition ?? "-",
            }));
            if (report.Latency is { } l)
            {
                rows.Add([l.Source + " (live x264)", Sec(l.FirstSegment.MasterSeconds), Sec(l.FirstSegment.SegmentListedSeconds), Sec(l.FirstSegment.PlayableSeconds), l.FirstSegment.Rendition ?? "-"]);
            }

            Table(text, rows);

            text.AppendLine();
            text.AppendLine("Transcoder: the server's ffmpeg for one room over a steady window (publisher's CPU not counted)");
            rows = [["source", "ladder", "window", "ffmpeg cores", "busiest 1 s", "speed (publisher)", "real time", "server .NET", "publisher", "machine busy"]];
            rows.AddRange(report.Sources.Select(s => new[]
            {
                s.Label,
                string.Join(" ", s.Renditions.Select(r => r.Name)),
                Invariant($"{s.WindowSeconds:0} s"),
                Num(s.TranscoderCores) + (s.Height >= 1080 && s.TranscoderCores is { } c ? (c <= TargetCores1080 ? " (≤ 0.8 ✓)" : " (> 0.8 ✗)") : string.Empty),
                Num(s.TranscoderPeakCores),
                s.Speed is { } v ? Invariant($"{v:0.000} ({s.PublisherSpeed:0.000})") : "-",
                s.KeepsRealTime switch { true => "yes", false => "NO", _ => "-" },
                Num(s.ServerCores),
                Num(s.PublisherCores),
                Invariant($"{Num(s.MachineBusyCores)} of {m.Cores}"),
            }));
            Table(text, rows);

            text.AppendLine();
            text.AppendLine("Renditions during the window (speed: media seconds made per wall second; lag drift: how much further behind");
            text.AppendLine("the wall clock the last new segment was than the first, by their program date-times; ~0 when keeping up)");
            rows = [["source", "rendition", "resolution", "declared kbit/s", "segments", "media s", "speed", "lag drift"]];
            foreach (var s in report.Sources)
            {
                rows.AddRange(s.Renditions.Select(r => new[]
                {
                    s.Label, r.Name, r.Resolution, r.Bandwidth is { } b ? Invariant($"{b / 1000}") : "-", Invariant($"{r.Segments}"), Invariant($"{r.MediaSeconds:0.0}"),
                    r.Speed is { } v ? Invariant($"{v:0.000}") : "-", Sec(r.LagLastSeconds - r.LagFirstSeconds),
                }));
            }

            Table(text, rows);
        }

        if (report.Latency is { } latency)
        {
            text.AppendLine();
            text.AppendLine(Invariant($"Glass-to-glass latency: flash sent by the publisher → decoded by the receiver ({latency.Source}, a flash every {latency.PeriodSeconds:0.0#} s)"));
            text.AppendLine(Invariant($"publisher clock calibrated from {latency.CalibrationReports} progress reports (media time 0 left {Sec(latency.PublisherStartToT0Seconds)} after its start)"));
            text.AppendLine(Invariant($"CPU over the {latency.WindowSeconds:0} s of flashes: server ffmpeg {Num(latency.TranscoderCores)}, publisher (live x264) {Num(latency.PublisherCores)}, receivers {Num(latency.ReceiversCores)}, machine {Num(latency.MachineBusyCores)} of {m.Cores} cores busy"));
            var rows = new List<string[]> { new[] { "receiver", "what it is", "flashes", "p50", "p90", "min", "max", "target p50", "p50 of each join" } };
            rows.AddRange(latency.Receivers.Select(r => new[]
            {
                r.Kind, r.Description, Invariant($"{r.Count}"), Sec(r.P50), Sec(r.P90), Sec(r.Min), Sec(r.Max), Target(r),
                r.Receivers > 1 ? string.Join(" ", r.P50PerJoin.Select(v => v is { } x ? Invariant($"{x:0.00}") : "-")) : string.Empty,
            }));
            Table(text, rows);
        }

        if (report.Errors.Count > 0)
        {
            text.AppendLine();
            text.AppendLine("Problems:");
            foreach (var error in report.Errors) text.AppendLine("  - " + error);
        }

        return text.ToString();
    }

    private static string Target(ReceiverReport r)
    {
        var target = r.Kind.StartsWith("flv", StringComparison.Ordinal) ? TargetFlvP50 : TargetHlsP50;
        if (r.P50 is not { } p50) return Invariant($"≤ {target:0.0} s");
        return Invariant($"≤ {target:0.0} s {(p50 <= target ? "✓" : "✗")}");
    }

    private static void Table(StringBuilder text, List<string[]> rows)
    {
        var widths = Enumerable.Range(0, rows[0].Length).Select(i => rows.Max(r => r[i].Length)).ToArray();
        foreach (var row in rows)
        {
            text.AppendLine(string.Join("  ", row.Select((cell, i) => cell.PadRight(widths[i]))).TrimEnd());
        }
    }

    private static string Load(double[]? load) => load is null ? "?" : string.Join(" ", load.Select(v => v.ToString("0.00", CultureInfo.InvariantCulture)));

    private static string Sec(double? value) => value is { } v ? Invariant($"{v:0.00} s") : "-";

    private static string Num(double? value) => value is { } v ? Invariant($"{v:0.00}") : "-";

    private static string Invariant(FormattableString value) => value.ToString(CultureInfo.InvariantCulture);
}
