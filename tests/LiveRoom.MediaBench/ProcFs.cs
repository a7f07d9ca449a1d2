using System.Globalization;

namespace LiveRoom.MediaBench;

/// <summary>
/// What Linux's /proc says about processes and the machine: CPU time of a process, of the whole machine,
/// load averages, and finding a process by its command line. Everything returns null where /proc is not
/// there (the tool then reports no CPU numbers rather than wrong ones).
/// </summary>
public static class ProcFs
{
    /// <summary>
    /// The unit of the CPU times in /proc (USER_HZ). The kernel reports them in USER_HZ whatever its internal
    /// tick rate, and USER_HZ is 100 on every architecture .NET runs on (x86-64, arm64).
    /// </summary>
    public const double TicksPerSecond = 100;

    public static bool Available => File.Exists("/proc/stat");

    /// <summary>User + system CPU time a process has used, in ticks (all its threads; not its children); null when it is gone.</summary>
    public static long? ProcessTicks(int pid)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }

        // The command name (field 2) is in parentheses and may hold spaces: count fields after the last ')'.
        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        // fields[0] is field 3 (state); utime and stime are fields 14 and 15.
        return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
    }

    /// <summary>The machine's busy and total CPU ticks over all cores since boot (from the first line of /proc/stat).</summary>
    public static MachineTicks? Machine()
    {
        if (!Available) return null;
        var lines = File.ReadAllLines("/proc/stat");
        var line = lines.FirstOrDefault(l => l.StartsWith("cpu ", StringComparison.Ordinal));
        if (line is null) return null;
        var cores = lines.Count(l => l.Length > 3 && l.StartsWith("cpu", StringComparison.Ordinal) && char.IsAsciiDigit(l[3]));
        var values = line[4..].Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(v => long.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        // user nice system idle iowait irq softirq steal (guest time is already inside user and nice).
        var total = values.Take(8).Sum();
        var idle = values[3] + values[4];
        return new MachineTicks(total - idle, total, cores);
    }

    /// <summary>The 1, 5 and 15 minute load averages.</summary>
    public static double[]? LoadAverage()
    {
        if (!File.Exists("/proc/loadavg")) return null;
        return [.. File.ReadAllText("/proc/loadavg").Split(' ').Take(3).Select(v => double.Parse(v, CultureInfo.InvariantCulture))];
    }

    public static long? MemoryTotalBytes()
    {
        if (!File.Exists("/proc/meminfo")) return null;
        var line = File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
        var kib = line?.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        return kib is null ? null : long.Parse(kib, CultureInfo.InvariantCulture) * 1024;
    }

    public static string? CpuModel()
    {
        if (!File.Exists("/proc/cpuinfo")) return null;
        var line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
        return line?[(line.IndexOf(':') + 1)..].Trim();
    }

    /// <summary>A process's arguments (argv), or null when it is gone or not readable.</summary>
    public static string[]? CommandLine(int pid)
    {
        try
        {
            var raw = File.ReadAllText($"/proc/{pid}/cmdline");
            return raw.Length == 0 ? null : raw.TrimEnd('\0').Split('\0');
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Every running process whose argv matches <paramref name="match"/> (this process excluded).</summary>
    public static IReadOnlyList<(int Pid, string[] Arguments)> FindProcesses(Func<string[], bool> match)
    {
        var found = new List<(int, string[])>();
        if (!Available) return found;
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || pid == Environment.ProcessId) continue;
            var arguments = CommandLine(pid);
            if (arguments is not null && match(arguments)) found.Add((pid, arguments));
        }

        return found;
    }
}

/// <summary>CPU ticks of the whole machine (all <paramref name="Cores"/> cores): busy (not idle or waiting for I/O) and total.</summary>
public sealed record MachineTicks(long Busy, long Total, int Cores)
{
    /// <summary>Cores busy on average between <paramref name="earlier"/> and this sample.</summary>
    public double BusyCoresSince(MachineTicks earlier) =>
        Total == earlier.Total ? 0 : (double)(Busy - earlier.Busy) / (Total - earlier.Total) * Cores;
}
