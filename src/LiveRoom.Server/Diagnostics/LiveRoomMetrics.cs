using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace LiveRoom.Server.Diagnostics;

/// <summary>The server's counters, rendered as Prometheus text at <c>/metrics</c>.</summary>
public sealed class LiveRoomMetrics
{
    private long _connections;
    private long _connectionsTotal;
    private long _chatAccepted;
    private long _refused;
    private long _framesReceived;

    public long Connections => Interlocked.Read(ref _connections);

    public void ConnectionOpened()
    {
        Interlocked.Increment(ref _connections);
        Interlocked.Increment(ref _connectionsTotal);
    }

    public void ConnectionClosed() => Interlocked.Decrement(ref _connections);

    public void ChatAccepted() => Interlocked.Increment(ref _chatAccepted);

    public void Refused() => Interlocked.Increment(ref _refused);

    public void FrameReceived() => Interlocked.Increment(ref _framesReceived);

    public string Render()
    {
        using var process = Process.GetCurrentProcess();
        var text = new StringBuilder(1024);
        Gauge(text, "liveroom_hub_connections", "Open hub connections on this node.", Connections);
        Counter(text, "liveroom_hub_connections_total", "Hub connections opened on this node.", Interlocked.Read(ref _connectionsTotal));
        Counter(text, "liveroom_chat_messages_total", "Chat messages accepted through this node.", Interlocked.Read(ref _chatAccepted));
        Counter(text, "liveroom_hub_refusals_total", "Hub calls refused on this node.", Interlocked.Read(ref _refused));
        Counter(text, "liveroom_room_frames_total", "Room frames this node received and forwarded.", Interlocked.Read(ref _framesReceived));
        Counter(text, "process_cpu_seconds_total", "CPU time used by this process.", process.TotalProcessorTime.TotalSeconds);
        Gauge(text, "process_resident_memory_bytes", "Resident memory of this process.", process.WorkingSet64);
        Gauge(text, "dotnet_gc_heap_bytes", "Bytes in the managed heap.", GC.GetTotalMemory(false));
        var gc = GC.GetGCMemoryInfo();
        Gauge(text, "dotnet_gc_heap_size_after_last_gc_bytes", "Managed heap size after the last collection (live objects and fragmentation).", gc.HeapSizeBytes);
        Gauge(text, "dotnet_gc_fragmented_bytes", "Free space inside the managed heap after the last collection.", gc.FragmentedBytes);
        Gauge(text, "dotnet_gc_committed_bytes", "Memory the collector holds committed from the system.", gc.TotalCommittedBytes);
        Gauge(text, "process_threads", "Threads of this process.", process.Threads.Count);
        return text.ToString();
    }

    private static void Counter(StringBuilder text, string name, string help, double value) => Write(text, name, help, "counter", value);

    private static void Gauge(StringBuilder text, string name, string help, double value) => Write(text, name, help, "gauge", value);

    private static void Write(StringBuilder text, string name, string help, string type, double value)
    {
        text.Append("# HELP ").Append(name).Append(' ').Append(help).Append('\n');
        text.Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');
        text.Append(name).Append(' ').Append(value.ToString("R", CultureInfo.InvariantCulture)).Append('\n');
    }
}
