using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace LiveRoom.LoadTests;

/// <summary>Turns a <see cref="LoadReport"/> into the human report or JSON.</summary>
public static class LoadReportFormatter
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static string ToJson(LoadReport report) => JsonSerializer.Serialize(report, JsonOptions);

    public static string ToText(LoadReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var o = report.Options;
        var c = report.Connections;
        var chat = report.Chat;
        var d = report.Deliveries;
        var text = new StringBuilder();
        void Line(FormattableString line) => text.AppendLine(line.ToString(CultureInfo.InvariantCulture));

        Line($"LiveRoom chat fan-out load test");
        Line($"  server       {o.ServerUrl}  room {report.RoomId}");
        Line($"  scenario     {o.Viewers:N0} viewers ({c.JsonConnections:N0} json, {c.MessagePackConnections:N0} messagepack), {chat.Senders} senders, {o.Rate:0.##} msg/s for {report.MeasuredSeconds:0.#} s after {o.Warmup.TotalSeconds:0.#} s warm-up");
        Line($"connections");
        Line($"  connected    {c.Connected:N0} / {c.Requested:N0}; failed {c.Failed:N0}; lost during run {c.LostDuringRun:N0}");
        Line($"  setup        identities {c.IdentitySeconds:0.0} s, connect+join {c.ConnectSeconds:0.0} s ({o.ConnectConcurrency} at a time)");
        Line($"  per conn.    p50 {c.PerConnection.P50Ms:0.0} ms, p99 {c.PerConnection.P99Ms:0.0} ms, max {c.PerConnection.MaxMs:0.0} ms");
        foreach (var (reason, count) in c.FailureReasons.OrderByDescending(p => p.Value).Take(5)) Line($"    {count,6}× {reason}");
        Line($"chat (measured window)");
        Line($"  sent         {chat.Sent:N0} ({chat.AchievedRate:0.##} msg/s), acknowledged {chat.Acknowledged:N0}, refused {chat.Refused:N0}, failed {chat.Failed:N0}");
        Line($"  ack          p50 {chat.Acknowledgement.P50Ms:0.0} ms, p99 {chat.Acknowledgement.P99Ms:0.0} ms, max {chat.Acknowledgement.MaxMs:0.0} ms");
        foreach (var (reason, count) in chat.RefusalReasons.OrderByDescending(p => p.Value).Take(5)) Line($"    {count,6}× {reason}");
        Line($"deliveries");
        Line($"  expected     {d.Expected:N0} (acknowledged × connected), received {d.Received:N0}, missing {d.Missing:N0}, duplicates {d.Duplicates:N0}");
        if (d.Missing == 0) Line($"  rate         {d.DeliveredPerSecond:N0} deliveries/s; the last arrived {d.DrainSeconds:0.00} s after the sending ended");
        else Line($"  rate         {d.DeliveredPerSecond:N0} deliveries/s; gave up waiting {d.DrainSeconds:0.00} s after the sending ended");
        Line($"latency, send → receive (ms)   p50      p90      p99    p99.9      max   samples");
        Latency(text, "all", report.Latency.All);
        Latency(text, "json", report.Latency.Json);
        Latency(text, "messagepack", report.Latency.MessagePack);
        Latency(text, "last viewer", report.Latency.LastViewer);
        Line($"resources (measured window)");
        Usage(text, "server", report.Server);
        if (report.ServerActivity is { FramesPerSecond: { } frames } activity)
        {
            Line($"  server says  {activity.ChatMessagesPerSecond:0.#} chat msg/s accepted, {frames:0.#} room frames/s forwarded ({activity.MessagesPerFrame:0.##} messages per frame), {activity.Refusals:0} refusals");
        }

        Usage(text, o.ServerInProcess ? "tool+server" : "load tool", report.Client);
        var m = report.Machine;
        if (m.BusyCores is { } busy)
        {
            Line($"  machine      {m.Cores} cores, {busy:0.00} busy: server {Cores(report.Server.CpuCores)}, load tool {Cores(report.Client.CpuCores)}, other {Cores(m.OtherCores)}; load average {m.LoadAverage:0.0}");
        }
        foreach (var warning in report.Warnings) Line($"warning: {warning}");
        if (report.Passed)
        {
            Line($"PASS: every message reached every viewer; p99 {report.Latency.All.P99Ms:0.0} ms ≤ {o.MaxP99Milliseconds:0.#} ms");
        }
        else
        {
            foreach (var failure in report.Failures) Line($"FAIL: {failure}");
        }

        return text.ToString();
    }

    private static void Latency(StringBuilder text, string name, LatencySummary s) =>
        text.AppendLine(string.Create(
            CultureInfo.InvariantCulture,
            $"  {name,-27} {s.P50Ms,8:0.0} {s.P90Ms,8:0.0} {s.P99Ms,8:0.0} {s.P999Ms,8:0.0} {s.MaxMs,8:0.0} {s.Count,9:N0}"));

    private static void Usage(StringBuilder text, string name, ProcessUsage u) =>
        text.AppendLine(string.Create(
            CultureInfo.InvariantCulture,
            $"  {name,-12} CPU {Cores(u.CpuCores)}, RSS {Megabytes(u.RssStartBytes)} → {Megabytes(u.RssEndBytes)} (peak {Megabytes(u.RssPeakBytes)}){Connections(u.HubConnectionsAtEnd)} [{u.Source}]"));

    private static string Connections(double? count) =>
        count is { } n ? string.Create(CultureInfo.InvariantCulture, $", hub connections {n:N0}") : string.Empty;

    private static string Cores(double? cores) =>
        cores is { } c ? string.Create(CultureInfo.InvariantCulture, $"{c:0.00} cores") : "n/a";

    private static string Megabytes(long? bytes) =>
        bytes is { } b ? string.Create(CultureInfo.InvariantCulture, $"{b / 1048576.0:0} MiB") : "n/a";
}
