using System.Diagnostics;
using System.Globalization;

namespace LiveRoom.LoadTests;

/// <summary>
/// Reads the CPU and memory of the server (its <c>/metrics</c>, or <c>/proc/{pid}</c> when those lack the
/// numbers) and of the tool itself; samples both every second in the background to catch the peak RSS.
/// </summary>
internal sealed class ProcessMonitor : IAsyncDisposable
{
    private const double ClockTicksPerSecond = 100; // USER_HZ, fixed at 100 on Linux for /proc/{pid}/stat.

    private readonly LiveRoomApiClient _api;
    private readonly int? _serverPid;
    private readonly CancellationTokenSource _stop = new();
    private Task? _sampling;
    private long _serverPeakRss;
    private long _clientPeakRss;

    public ProcessMonitor(LiveRoomApiClient api, int? serverPid)
    {
        _api = api;
        _serverPid = serverPid;
    }

    public void StartSampling(TimeSpan interval) => _sampling ??= SampleEveryAsync(interval, _stop.Token);

    public async Task<ProcessSample> SampleServerAsync(CancellationToken cancellationToken)
    {
        string? metrics = null;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            metrics = await _api.GetMetricsAsync(timeout.Token);
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            // No metrics this time: fall back to /proc when the pid is known.
        }

        var timestamp = Stopwatch.GetTimestamp();
        double? cpu = null, connections = null, frames = null, chat = null, refusals = null;
        long? rss = null;
        if (metrics is not null)
        {
            cpu = PrometheusText.Sum(metrics, "process_cpu_seconds_total", "process_cpu_time_seconds_total");
            rss = (long?)PrometheusText.Sum(metrics, "process_resident_memory_bytes", "process_memory_usage_bytes");
            connections = PrometheusText.Sum(metrics, "liveroom_hub_connections");
            frames = PrometheusText.Sum(metrics, "liveroom_room_frames_total");
            chat = PrometheusText.Sum(metrics, "liveroom_chat_messages_total");
            refusals = PrometheusText.Sum(metrics, "liveroom_hub_refusals_total");
        }

        var source = cpu is not null && rss is not null ? "metrics" : "unavailable";
        long? peak = null;
        if (_serverPid is { } pid && ReadProc(pid) is { } proc)
        {
            if (cpu is null || rss is null) source = metrics is null ? "proc" : "metrics+proc";
            cpu ??= proc.CpuSeconds;
            rss ??= proc.RssBytes;
            peak = proc.PeakRssBytes;
        }

        if (rss is { } current) RaiseTo(ref _serverPeakRss, current);
        if (peak is { } high) RaiseTo(ref _serverPeakRss, high);
        return new ProcessSample(timestamp, source, cpu, rss, Interlocked.Read(ref _serverPeakRss) is > 0 and var p ? p : null, connections, frames, chat, refusals);
    }

    public ProcessSample SampleClient()
    {
        using var self = Process.GetCurrentProcess();
        var rss = self.WorkingSet64;
        RaiseTo(ref _clientPeakRss, Math.Max(rss, self.PeakWorkingSet64));
        return new ProcessSample(Stopwatch.GetTimestamp(), "self", self.TotalProcessorTime.TotalSeconds, rss, Interlocked.Read(ref _clientPeakRss), null);
    }

    public static ServerActivity SummarizeActivity(ProcessSample start, ProcessSample end)
    {
        var seconds = Stopwatch.GetElapsedTime(start.Timestamp, end.Timestamp).TotalSeconds;
        double? Rate(double? a, double? b) => a is { } x && b is { } y && seconds > 0 ? Math.Round((y - x) / seconds, 2) : null;
        double? Delta(double? a, double? b) => a is { } x && b is { } y ? y - x : null;
        return new ServerActivity(Rate(start.Frames, end.Frames), Rate(start.ChatMessages, end.ChatMessages), Delta(start.Refusals, end.Refusals));
    }

    public static MachineSample SampleMachine()
    {
        var timestamp = System.Diagnostics.Stopwatch.GetTimestamp();
        double? busy = null, load = null;
        try
        {
            // "cpu  user nice system idle iowait irq softirq steal guest guest_nice" (guest is inside user).
            var cpu = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            double Field(int i) => double.Parse(cpu[i], CultureInfo.InvariantCulture);
            busy = (Field(1) + Field(2) + Field(3) + Field(6) + Field(7) + Field(8)) / ClockTicksPerSecond;
            load = double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException or InvalidOperationException)
        {
            // Not Linux, or /proc is hidden: the machine line stays empty.
        }

        return new MachineSample(timestamp, busy, load);
    }

    public static MachineUsage Summarize(MachineSample start, MachineSample end, ProcessUsage server, ProcessUsage client, bool sameProcess)
    {
        var seconds = Stopwatch.GetElapsedTime(start.Timestamp, end.Timestamp).TotalSeconds;
        double? busy = start.BusySeconds is { } a && end.BusySeconds is { } b && seconds > 0 ? Math.Round((b - a) / seconds, 3) : null;
        double? other = busy is { } all && server.CpuCores is { } s && client.CpuCores is { } c
            ? Math.Round(Math.Max(0, all - c - (sameProcess ? 0 : s)), 3)
            : null;
        return new MachineUsage(Environment.ProcessorCount, busy, other, end.LoadAverage);
    }

    public static ProcessUsage Summarize(ProcessSample start, ProcessSample end)
    {
        var seconds = Stopwatch.GetElapsedTime(start.Timestamp, end.Timestamp).TotalSeconds;
        double? cpuSeconds = start.CpuSeconds is { } a && end.CpuSeconds is { } b ? b - a : null;
        double? cores = cpuSeconds is { } used && seconds > 0 ? Math.Round(used / seconds, 3) : null;
        var peak = Max(Max(start.PeakRssBytes, end.PeakRssBytes), Max(start.RssBytes, end.RssBytes));
        var source = start.Source == end.Source ? end.Source : $"{start.Source}/{end.Source}";
        return new ProcessUsage(source, cores, cpuSeconds is { } c ? Math.Round(c, 3) : null, start.RssBytes, end.RssBytes, peak, end.HubConnections);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_sampling is not null)
        {
            try
            {
                await _sampling;
            }
            catch (OperationCanceledException)
            {
                // Stopped.
            }
        }

        _stop.Dispose();
    }

    private async Task SampleEveryAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(interval);
        while (await timer.WaitForNextTickAsync(cancellationToken))
        {
            await SampleServerAsync(cancellationToken);
            SampleClient();
        }
    }

    private static (double CpuSeconds, long RssBytes, long PeakRssBytes)? ReadProc(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            // After "pid (comm) ", fields[0] is the state (field 3); utime and stime are fields 14 and 15.
            var ticks = double.Parse(fields[11], CultureInfo.InvariantCulture) + double.Parse(fields[12], CultureInfo.InvariantCulture);
            long rss = 0, peak = 0;
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal)) rss = Kilobytes(line);
                else if (line.StartsWith("VmHWM:", StringComparison.Ordinal)) peak = Kilobytes(line);
            }

            return (ticks / ClockTicksPerSecond, rss, peak);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }

    private static long Kilobytes(string line) =>
        1024 * long.Parse(line.AsSpan(line.IndexOf(':') + 1).Trim().TrimEnd("kB").Trim(), CultureInfo.InvariantCulture);

    private static long? Max(long? a, long? b) => a is null ? b : b is null ? a : Math.Max(a.Value, b.Value);

    private static void RaiseTo(ref long location, long value)
    {
        var current = Interlocked.Read(ref location);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref location, value, current);
            if (seen == current) return;
            current = seen;
        }
    }
}
