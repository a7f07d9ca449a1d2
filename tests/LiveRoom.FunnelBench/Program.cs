using System.Diagnostics;
using System.Globalization;
using LiveRoom.Contracts.Funnel;
using LiveRoom.FunnelBench;
using LiveRoom.Shared;
using LiveRoom.Storage.Database;
using LiveRoom.Storage.Funnel;
using LiveRoom.Storage.Leads;

const string Usage = """
    LiveRoom.FunnelBench — the funnel's queries timed on generated data in a fresh database.

      --data DIR          where the database is made (a new, empty folder)
      --viewers 100000    viewers of the big room (about 10 events each: 1,000,000 events for 100,000)
      --rooms 20          other, small rooms (1,000 viewers each), for the queries across rooms
      --runs 20           timed runs of each query (after 2 untimed)

    Prints the data made, the write time, and p50/p95/max of each query in milliseconds.
    """;

if (args is ["-h" or "--help"])
{
    Console.WriteLine(Usage);
    return 0;
}

string? data = null;
int viewers = 100_000, rooms = 20, runs = 20;
try
{
    var reader = new OptionReader(args);
    while (reader.MoveNext())
    {
        switch (reader.Name)
        {
            case "--data": data = reader.Value(); break;
            case "--viewers": viewers = int.Parse(reader.Value(), CultureInfo.InvariantCulture); break;
            case "--rooms": rooms = int.Parse(reader.Value(), CultureInfo.InvariantCulture); break;
            case "--runs": runs = int.Parse(reader.Value(), CultureInfo.InvariantCulture); break;
            default: throw new FormatException($"Unknown option {reader.Name}.");
        }
    }

    if (data is null) throw new FormatException("--data is required.");
    if (Directory.Exists(data) && Directory.EnumerateFileSystemEntries(data).Any()) throw new FormatException($"{data} is not empty: the benchmark makes a fresh database.");
}
catch (FormatException ex)
{
    Console.Error.WriteLine(ex.Message);
    Console.Error.WriteLine(Usage);
    return 2;
}

var database = new LiveRoomDatabase(Path.Combine(data, "liveroom.db"));
await database.MigrateAsync();
var start = new DateTimeOffset(2026, 3, 2, 12, 0, 0, TimeSpan.Zero);
const string BigRoom = "rm_bench";

Console.WriteLine(FormattableString.Invariant($"Generating: room {BigRoom} with {viewers:N0} viewers over 180 minutes, {rooms} rooms of 1,000 viewers..."));
var events = Audience.Generate(BigRoom, viewers, start, 180, seed: 1);
var bigRoomEvents = events.Count;
for (var r = 0; r < rooms; r++) events.AddRange(Audience.Generate($"rm_small{r:D2}", 1_000, start.AddDays(-r - 1), 60, seed: 100 + r));
var (written, took) = await Seeder.WriteEventsAsync(database, events);
Console.WriteLine(FormattableString.Invariant($"Wrote {written:N0} events ({bigRoomEvents:N0} in {BigRoom}) through the batch writer with its aggregates in {took.TotalSeconds:F1} s ({written / took.TotalSeconds:N0} events/s)."));
var leadViewers = events.Where(e => e.RoomId == BigRoom && e.Kind == LiveRoom.Contracts.Engagement.EngagementKind.Join).Select(e => e.ViewerId).Distinct().Where((_, i) => i % 20 == 0).ToList();
var leadCount = await Seeder.WriteLeadsAsync(database, BigRoom, leadViewers, start.AddHours(1));
await Seeder.WriteCallsAsync(database, BigRoom, calls: 600, agents: 12, start, seed: 7);
Console.WriteLine(FormattableString.Invariant($"Wrote {leadCount:N0} leads and 600 calls (12 agents) in {BigRoom}."));
Console.WriteLine();

var funnel = new SqlFunnel(database);
var leads = new SqlLeads(database);
var weights = new EngagementWeights();
var firstHour = (From: (DateTimeOffset?)start, To: (DateTimeOffset?)start.AddHours(1));
var results = new List<(string Name, string Detail, double[] Ms)>();

async Task TimeAsync(string name, Func<Task<string>> query, int times)
{
    string detail = "";
    for (var i = 0; i < 2; i++) detail = await query();
    var samples = new double[times];
    for (var i = 0; i < times; i++)
    {
        var watch = Stopwatch.StartNew();
        await query();
        samples[i] = watch.Elapsed.TotalMilliseconds;
    }

    Array.Sort(samples);
    results.Add((name, detail, samples));
    Console.WriteLine(FormattableString.Invariant($"{name,-42} p50 {Percentile(samples, 50),7:F1} ms  p95 {Percentile(samples, 95),7:F1} ms  max {samples[^1],7:F1} ms  ({detail})"));
}

await TimeAsync("room funnel", async () => Describe(await funnel.GetReportAsync(new FunnelQuery(BigRoom, null, null))), runs);
await TimeAsync("room funnel, first hour", async () => Describe(await funnel.GetReportAsync(new FunnelQuery(BigRoom, firstHour.From, firstHour.To))), runs);
await TimeAsync("room timeline", async () => $"{(await funnel.GetTimelineAsync(BigRoom, null, null, 10_080)).Count} minutes", runs);
await TimeAsync("every room's funnel", async () => Describe(await funnel.GetReportAsync(new FunnelQuery(null, null, null))), runs);
await TimeAsync("every room's funnel, first hour", async () => Describe(await funnel.GetReportAsync(new FunnelQuery(null, firstHour.From, firstHour.To))), runs);
await TimeAsync("room leads scored and sorted", async () =>
{
    var all = await leads.ListAsync(BigRoom, 100_000);
    var engagement = await funnel.GetLeadEngagementAsync(BigRoom);
    var sorted = all.Select(l => (Lead: l, Score: engagement.TryGetValue(l.ViewerId, out var e) ? weights.ScoreOf(e) : 0)).OrderByDescending(x => x.Score).ToList();
    return FormattableString.Invariant($"{sorted.Count:N0} leads, top score {sorted[0].Score}");
}, runs);
await TimeAsync("for comparison: room funnel from raw events", async () => await RawFunnelAsync(database, BigRoom), Math.Min(runs, 5));

Console.WriteLine();
Console.WriteLine("| query | p50 ms | p95 ms | max ms | result |");
Console.WriteLine("|---|---:|---:|---:|---|");
foreach (var (name, detail, ms) in results)
{
    Console.WriteLine(FormattableString.Invariant($"| {name} | {Percentile(ms, 50):F1} | {Percentile(ms, 95):F1} | {ms[^1]:F1} | {detail} |"));
}

return 0;

static double Percentile(double[] sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];

static string Describe(FunnelReport report) =>
    FormattableString.Invariant($"{report.Viewers:N0} viewers, peak {report.PeakViewers:N0}, {report.Totals.ChatMessages:N0} chats, {report.Totals.Leads:N0} leads, {report.Agents.Count} agents");

// What the funnel would cost without the aggregates: the same viewer figures and the peak from engagement_events.
static async Task<string> RawFunnelAsync(LiveRoomDatabase database, string roomId)
{
    await using var connection = await database.OpenAsync();
    await using var command = connection.CreateCommand();
    command.CommandText = """
        SELECT COUNT(*), SUM(w), SUM(CASE WHEN c > 0 THEN 1 ELSE 0 END), SUM(CASE WHEN q > 0 THEN 1 ELSE 0 END), SUM(CASE WHEN k > 0 THEN 1 ELSE 0 END)
        FROM (SELECT viewer_id,
                SUM(CASE WHEN kind = 'watch' THEN amount ELSE 0 END) AS w,
                SUM(CASE WHEN kind = 'chat' THEN amount ELSE 0 END) AS c,
                SUM(CASE WHEN kind = 'question' THEN amount ELSE 0 END) AS q,
                SUM(CASE WHEN kind = 'cardClick' THEN amount ELSE 0 END) AS k
              FROM engagement_events WHERE room_id = @room GROUP BY viewer_id) v;
        SELECT MAX(n) FROM (SELECT substr(at, 1, 16) AS m, COUNT(DISTINCT viewer_id) AS n
              FROM engagement_events WHERE room_id = @room AND kind = 'watch' GROUP BY substr(at, 1, 16)) p;
        """;
    var parameter = command.CreateParameter();
    parameter.ParameterName = "@room";
    parameter.Value = roomId;
    command.Parameters.Add(parameter);
    await using var reader = await command.ExecuteReaderAsync();
    await reader.ReadAsync();
    var viewers = reader.GetInt64(0);
    await reader.NextResultAsync();
    await reader.ReadAsync();
    return FormattableString.Invariant($"{viewers:N0} viewers, peak {reader.GetInt64(0):N0}");
}
