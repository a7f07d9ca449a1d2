using System.Globalization;

namespace LiveRoom.MediaBench;

/// <summary>
/// The live-video benchmark against a running LiveRoom server, over its public API and real ffmpeg:
/// <list type="number">
/// <item>per source (e.g. 720p30, 1080p30): time to first playable segment, then the CPU of the server's
/// ffmpeg over a steady window and whether it keeps real time;</item>
/// <item>glass-to-glass latency of HTTP-FLV and HLS, from a flashing test picture (<see cref="FlashPattern"/>).</item>
/// </list>
/// Each phase has its own room, ended afterwards so that its transcoder is gone before the next phase.
/// Progress lines go to the log; the result is a <see cref="MediaBenchReport"/>.
/// </summary>
public sealed class MediaBench(TextWriter? log)
{
    /// <summary>Command lines that mean another benchmark is running on this machine.</summary>
    private static readonly string[] OtherBenchmarkMarks = ["LiveRoom.LoadTests", "scripts/bench.sh", "127.0.0.1:509"];

    private static readonly TimeSpan ClipTimeout = TimeSpan.FromMinutes(3);
    /// <summary>How often the playlists are read during a CPU window (a few small requests: ~0.01 core of the server).</summary>
    private static readonly TimeSpan SamplingInterval = TimeSpan.FromMilliseconds(250);

    public async Task<MediaBenchReport> RunAsync(MediaBenchOptions options, CancellationToken cancellationToken)
    {
        var startedAt = DateTimeOffset.UtcNow;
        var start = Clock.Now;
        var errors = new List<string>();
        var loadAtStart = ProcFs.LoadAverage();
        var othersAtStart = OtherBenchmarks(options);
        if (othersAtStart.Count > 0) Log($"warning: another benchmark is running, numbers will be disturbed: {string.Join("; ", othersAtStart)}");

        var version = (await ChildProcess.RunAsync(options.FfmpegPath, ["-hide_banner", "-version"], TimeSpan.FromSeconds(10), cancellationToken))
            .Split('\n')[0].Split(" Copyright")[0].Trim();
        using var api = new LiveRoomApi(options.ServerUrl);
        await api.LoginAsync(
            options.AdminEmail ?? throw new InvalidOperationException("An admin email is needed to create rooms."),
            options.AdminPassword ?? throw new InvalidOperationException("An admin password is needed to create rooms."),
            cancellationToken);

        var sources = new List<SourceReport>();
        var clips = new List<(SourceSpec Source, string Clip)>();
        foreach (var source in options.Sources)
        {
            Log($"preparing the {source.Label} publisher clip ({Publishers.ClipSeconds} s of testsrc2, x264 {options.PublisherPreset}, {source.VideoKbps} kbit/s; kept in {options.WorkDirectory})...");
            clips.Add((source, await Publishers.PrepareClipAsync(options.FfmpegPath, Path.Combine(options.WorkDirectory, "clips"), source, options.PublisherPreset, ClipTimeout, cancellationToken)));
        }

        foreach (var (source, clip) in clips)
        {
            var report = await MeasureSourceAsync(api, options, source, clip, cancellationToken);
            if (report.Error is not null) errors.Add($"{source.Label}: {report.Error}");
            sources.Add(report);
        }

        LatencyReport? latency = null;
        if (options.LatencySource is { } latencySource && options.Flashes > 0 && options.Receivers.Count > 0)
        {
            latency = await MeasureLatencyAsync(api, options, latencySource, errors, cancellationToken);
        }

        var machine = new MachineReport(
            ProcFs.Machine()?.Cores ?? Environment.ProcessorCount,
            ProcFs.CpuModel(),
            ProcFs.MemoryTotalBytes() is { } bytes ? Math.Round(bytes / (double)(1L << 30), 1) : null,
            loadAtStart,
            ProcFs.LoadAverage(),
            othersAtStart,
            OtherBenchmarks(options));
        return new MediaBenchReport(startedAt, Clock.Now - start, api.BaseAddress.AbsoluteUri, options.ServerPid, version, options.Note, machine, sources, latency, errors);
    }

    /// <summary>Other benchmarks running now (their command lines), which would disturb the numbers.</summary>
    public static IReadOnlyList<string> OtherBenchmarks(MediaBenchOptions options)
    {
        var ours = $"{options.ServerUrl.Host}:{options.ServerUrl.Port}";
        return [.. ProcFs.FindProcesses(args =>
                OtherBenchmarkMarks.Any(mark => args.Any(a => a.Contains(mark, StringComparison.Ordinal)))
                && !args.Any(a => a.Contains(ours, StringComparison.Ordinal)))
            .Where(p => p.Pid != options.ServerPid)
            .Select(p => $"{p.Pid}: {string.Join(' ', p.Arguments)}")];
    }

    /// <summary>The server's ffmpeg for a room: the one whose arguments write into the room's live folder.</summary>
    public static int? FindTranscoder(string roomId)
    {
        var folder = $"{Path.DirectorySeparatorChar}live{Path.DirectorySeparatorChar}{roomId}{Path.DirectorySeparatorChar}";
        var found = ProcFs.FindProcesses(args =>
            Path.GetFileName(args[0]) == "ffmpeg" && args.Any(a => a.Contains(folder, StringComparison.Ordinal)));
        return found.Count == 0 ? null : found[0].Pid;
    }

    private async Task<SourceReport> MeasureSourceAsync(LiveRoomApi api, MediaBenchOptions options, SourceSpec source, string clip, CancellationToken cancellationToken)
    {
        var room = await api.CreateRoomAsync($"media bench {source.Label}", cancellationToken);
        var duration = options.FirstSegmentTimeout + options.Warmup + options.Window + TimeSpan.FromSeconds(20);
        Log($"{source.Label}: room {room.Id}, publishing the clip in a loop (stream copy)...");
        int? transcoder = null;
        var progress = new PublisherProgress();
        var publisher = Publishers.StartClip(options.FfmpegPath, room.PublishUrl, clip, duration, progress);
        try
        {
            var (first, variants) = await FirstSegmentProbe.RunAsync(api, room.Id, publisher.StartedAt, options.FirstSegmentTimeout, cancellationToken);
            Log($"{source.Label}: master after {Seconds(first.MasterSeconds)}, first segment playable after {Seconds(first.PlayableSeconds)} ({string.Join(", ", variants.Select(v => $"{v.Name} {v.Resolution}"))})");
            if (first.PlayableSeconds is null)
            {
                return Failed(source, first, variants, $"no playable segment within {options.FirstSegmentTimeout.TotalSeconds:0} s (publisher: {publisher.ErrorTail})");
            }

            transcoder = await WaitForTranscoderAsync(room.Id, TimeSpan.FromSeconds(10), cancellationToken);
            if (transcoder is null) return Failed(source, first, variants, "the server's ffmpeg for the room was not found in /proc");

            Log($"{source.Label}: transcoder pid {transcoder}; warming up {options.Warmup.TotalSeconds:0} s, then measuring {options.Window.TotalSeconds:0} s...");
            await Task.Delay(options.Warmup, cancellationToken);
            var window = await MeasureWindowAsync(api, options, room.Id, variants, transcoder.Value, publisher.Id, cancellationToken);
            transcoder = window.LastTranscoder;
            var renditions = window.Trackers.Select(t => new RenditionReport(
                t.Variant.Name, t.Variant.Resolution, t.Variant.Bandwidth, t.Segments, Math.Round(t.MediaSeconds, 3),
                Round(t.Speed), Round(t.FirstLag), Round(t.LastLag))).ToArray();
            // The transcoder is one process: it is as fast as its slowest output, and it cannot be faster than
            // what it is sent, so it keeps real time when it keeps up with the publisher.
            var speed = renditions.Select(r => r.Speed).Where(s => s is not null).Min();
            var publisherSpeed = progress.Speed(window.Start, window.Start + window.Seconds);
            var report = new SourceReport(source.Label, source.Width, source.Height, source.Fps, source.VideoKbps, first, renditions,
                Math.Round(window.Seconds, 2), transcoder, Round(window.TranscoderCores), Round(window.TranscoderPeak), Round(window.ServerCores),
                Round(window.PublisherCores), Round(window.MachineCores), Round(speed), Round(publisherSpeed),
                speed is null ? null : speed >= 0.97 * (publisherSpeed ?? 1), window.Restarts,
                publisher.HasExited ? $"the publisher stopped early ({publisher.ExitCode}): {publisher.ErrorTail}" : null);
            Log(Invariant($"{source.Label}: transcoder {Cores(report.TranscoderCores)} cores (busiest second {Cores(report.TranscoderPeakCores)}), speed {report.Speed:0.000} (publisher {report.PublisherSpeed:0.000}), machine {Cores(report.MachineBusyCores)} cores busy"));
            return report;
        }
        finally
        {
            await publisher.DisposeAsync();
            await EndRoomAsync(api, room.Id, transcoder, cancellationToken);
        }

        static SourceReport Failed(SourceSpec source, FirstSegmentReport first, IReadOnlyList<HlsVariant> variants, string error) =>
            new(source.Label, source.Width, source.Height, source.Fps, source.VideoKbps, first,
                [.. variants.Select(v => new RenditionReport(v.Name, v.Resolution, v.Bandwidth, 0, 0, null, null, null))],
                0, null, null, null, null, null, null, null, null, null, 0, error);
    }

    private sealed record Window(
        IReadOnlyList<SegmentTracker> Trackers, double Start, double Seconds, double? TranscoderCores, double? TranscoderPeak, double? ServerCores,
        double? PublisherCores, double? MachineCores, int Restarts, int? LastTranscoder);

    private static async Task<Window> MeasureWindowAsync(
        LiveRoomApi api, MediaBenchOptions options, string roomId, IReadOnlyList<HlsVariant> variants, int transcoder, int publisher, CancellationToken cancellationToken)
    {
        var trackers = variants.Select(v => new SegmentTracker(roomId, v)).ToArray();
        foreach (var tracker in trackers) await tracker.PollAsync(api, cancellationToken);

        // CPU ticks per transcoder process: a restarted ffmpeg is a new process whose time starts again.
        var first = new Dictionary<int, long>();
        var last = new Dictionary<int, long>();
        var restarts = 0;
        var current = transcoder;
        if (ProcFs.ProcessTicks(current) is { } ticks) first[current] = last[current] = ticks;
        var server0 = options.ServerPid is { } sp ? ProcFs.ProcessTicks(sp) : null;
        var publisher0 = ProcFs.ProcessTicks(publisher);
        var machine0 = ProcFs.Machine();
        var start = Clock.Now;
        var previous = (At: start, Ticks: 0L);
        var peak = 0.0;
        var end = start + options.Window.TotalSeconds;
        while (Clock.Now < end)
        {
            await Task.Delay(SamplingInterval, cancellationToken);
            foreach (var tracker in trackers) await tracker.PollAsync(api, cancellationToken);
            if (ProcFs.ProcessTicks(current) is { } now)
            {
                last[current] = now;
            }
            else if (FindTranscoder(roomId) is { } replacement && replacement != current)
            {
                restarts++;
                current = replacement;
                if (ProcFs.ProcessTicks(current) is { } fresh) first[current] = last[current] = fresh;
            }

            var at = Clock.Now;
            var total = last.Sum(p => p.Value - first[p.Key]);
            if (at - previous.At >= 0.95)
            {
                peak = Math.Max(peak, (total - previous.Ticks) / ProcFs.TicksPerSecond / (at - previous.At));
                previous = (at, total);
            }
        }

        var seconds = Clock.Now - start;
        var machine1 = ProcFs.Machine();
        double? Cores(long? before, long? after) => before is { } b && after is { } a ? (a - b) / ProcFs.TicksPerSecond / seconds : null;
        return new Window(
            trackers,
            start,
            seconds,
            first.Count == 0 ? null : last.Sum(p => p.Value - first[p.Key]) / ProcFs.TicksPerSecond / seconds,
            first.Count == 0 ? null : peak,
            Cores(server0, options.ServerPid is { } pid ? ProcFs.ProcessTicks(pid) : null),
            Cores(publisher0, ProcFs.ProcessTicks(publisher)),
            machine0 is not null && machine1 is not null ? machine1.BusyCoresSince(machine0) : null,
            restarts,
            current);
    }

    private async Task<LatencyReport> MeasureLatencyAsync(LiveRoomApi api, MediaBenchOptions options, SourceSpec source, List<string> errors, CancellationToken cancellationToken)
    {
        var pattern = new FlashPattern(options.FlashPeriodSeconds);
        var room = await api.CreateRoomAsync($"media bench latency {source.Label}", cancellationToken);
        // Long enough for the slowest receiver (HLS paced, segments behind, joining last) to see every flash;
        // the phase ends as soon as every receiver has.
        var bound = options.FirstSegmentTimeout + TimeSpan.FromSeconds(((options.Flashes + 5) * pattern.PeriodSeconds) + 30);
        Log(Invariant($"latency: room {room.Id}, publishing a flash every {pattern.PeriodSeconds:0.0#} s ({source.Label}, x264 {options.PublisherPreset} zerolatency, encoded live)..."));
        var publisher = new FlashPublisher(options.FfmpegPath, room.PublishUrl, source, pattern, options.PublisherPreset, bound + TimeSpan.FromSeconds(10));
        var receivers = new List<FlashReceiver>();
        int? transcoder = null;
        try
        {
            var (first, variants) = await FirstSegmentProbe.RunAsync(api, room.Id, publisher.Process.StartedAt, options.FirstSegmentTimeout, cancellationToken);
            Log($"latency: first segment playable after {Seconds(first.PlayableSeconds)}");
            transcoder = FindTranscoder(room.Id);
            var sourceVariant = variants.FirstOrDefault(v => v.Height == source.Height) ?? variants.MaxBy(v => v.Height ?? 0);
            var lowestVariant = variants.MinBy(v => v.Height ?? int.MaxValue);
            var deadline = publisher.Process.StartedAt + bound.TotalSeconds;
            var starts = new List<Task<FlashReceiver?>>();
            foreach (var kind in options.Receivers)
            {
                var variant = kind == ReceiverKind.HlsLowest ? lowestVariant : sourceVariant;
                var joins = kind is ReceiverKind.FlvPaced or ReceiverKind.HlsPaced ? options.PacedJoins : 1;
                for (var join = 0; join < joins; join++)
                {
                    var delay = TimeSpan.FromSeconds(source.KeyframeSeconds * (double)join / joins);
                    starts.Add(StartReceiverAsync(api, options, room.Id, kind, variant, delay, deadline, cancellationToken));
                }
            }

            foreach (var started in starts)
            {
                if (await started is { } receiver) receivers.Add(receiver);
            }

            Log($"latency: {receivers.Count} receivers ({string.Join(", ", receivers.GroupBy(r => r.Kind).Select(g => $"{Name(g.Key)} ×{g.Count()}"))}); waiting for {options.Flashes} flashes each...");
            // CPU of everyone taking part while the flashes are counted (the receivers run from here on).
            var participants = new List<int> { publisher.Process.Id };
            participants.AddRange(receivers.Select(r => r.Process.Id));
            var cpu0 = participants.Select(ProcFs.ProcessTicks).ToArray();
            var transcoder0 = transcoder is { } tp ? ProcFs.ProcessTicks(tp) : null;
            var machine0 = ProcFs.Machine();
            var window0 = Clock.Now;
            while (Clock.Now < deadline && receivers.Any(r => !r.Process.HasExited && Samples(r, publisher, pattern).Count < options.Flashes))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
            }

            var seconds = Math.Max(Clock.Now - window0, 0.001);
            var cpu1 = participants.Select(ProcFs.ProcessTicks).ToArray();
            double? Cores(long? before, long? after) => before is { } b && after is { } a ? Round((a - b) / ProcFs.TicksPerSecond / seconds) : null;
            var receiverCores = Enumerable.Range(1, participants.Count - 1).Sum(i => (cpu1[i] ?? cpu0[i] ?? 0) - (cpu0[i] ?? 0)) / ProcFs.TicksPerSecond / seconds;
            var machine1 = ProcFs.Machine();

            var reports = new List<ReceiverReport>();
            foreach (var kind in options.Receivers)
            {
                var group = receivers.Where(r => r.Kind == kind).ToArray();
                if (group.Length == 0)
                {
                    reports.Add(new ReceiverReport(Name(kind), Describe(kind, sourceVariant, lowestVariant, options.HlsStartSegments), string.Empty, 0, 0, null, null, null, null, null, null, 0, [], [], "not started: its playlist had no segments in time"));
                    errors.Add($"latency {Name(kind)}: not started");
                    continue;
                }

                var samples = group.SelectMany(r => Samples(r, publisher, pattern)).ToArray();
                var values = samples.Select(s => s.LatencySeconds).ToArray();
                var problems = group.Where(r => r.Process.HasExited).Select(r => $"ffmpeg exited ({r.Process.ExitCode}): {r.Process.ErrorTail}").ToList();
                var shortOfFlashes = group.Count(r => Samples(r, publisher, pattern).Count < options.Flashes);
                if (shortOfFlashes > 0) problems.Add($"{shortOfFlashes} of {group.Length} receivers saw fewer than {options.Flashes} flashes within the bound");
                var error = problems.Count == 0 ? null : string.Join("; ", problems);
                var startups = group.Where(r => r.FirstFrameAt is not null).Select(r => r.FirstFrameAt!.Value - r.StartedAt).ToArray();
                reports.Add(new ReceiverReport(
                    Name(kind), Describe(kind, sourceVariant, lowestVariant, options.HlsStartSegments), group[0].Url, group.Length, values.Length,
                    Round(Stats.Percentile(values, 50)), Round(Stats.Percentile(values, 90)),
                    values.Length == 0 ? null : Round(values.Min()), values.Length == 0 ? null : Round(values.Max()),
                    values.Length == 0 ? null : Round(values.Average()),
                    startups.Length == 0 ? null : Round(startups.Average()),
                    group.Sum(r => r.Detections.Count(d => d.Code is null)),
                    [.. group.Select(r => Round(Stats.Percentile(Samples(r, publisher, pattern).Select(x => x.LatencySeconds), 50)))],
                    samples, error));
                if (error is not null) errors.Add($"latency {Name(kind)}: {error}");
            }

            var report = new LatencyReport(source.Label, pattern.PeriodSeconds, first,
                publisher.T0 is { } t0 ? Round(t0 - publisher.Process.StartedAt) : null, publisher.Reports,
                Math.Round(seconds, 3), Cores(transcoder0, transcoder is { } tp1 ? ProcFs.ProcessTicks(tp1) : null), Cores(cpu0[0], cpu1[0]), Round(receiverCores),
                machine0 is not null && machine1 is not null ? Round(machine1.BusyCoresSince(machine0)) : null, reports);
            foreach (var r in reports) Log($"latency {r.Kind}: n={r.Count} p50 {Seconds(r.P50)} p90 {Seconds(r.P90)}");
            return report;
        }
        finally
        {
            foreach (var receiver in receivers) await receiver.DisposeAsync();
            await publisher.DisposeAsync();
            await EndRoomAsync(api, room.Id, transcoder, cancellationToken);
        }
    }

    /// <summary>Starts a receiver once what it reads exists: the FLV relay at once; an HLS playlist once it lists enough segments.</summary>
    private async Task<FlashReceiver?> StartReceiverAsync(
        LiveRoomApi api, MediaBenchOptions options, string roomId, ReceiverKind kind, HlsVariant? variant, TimeSpan delay, double deadline, CancellationToken cancellationToken)
    {
        if (kind is ReceiverKind.Flv or ReceiverKind.FlvPaced)
        {
            await Task.Delay(delay, cancellationToken);
            return FlashReceiver.Start(options.FfmpegPath, kind, api.Url($"live/{roomId}.flv"), options.HlsStartSegments);
        }

        if (variant is null) return null;
        // A paced player joins a running stream, N segments back; one at the edge needs one segment.
        var needed = kind == ReceiverKind.HlsPaced ? options.HlsStartSegments : 1;
        var path = $"live/{roomId}/{variant.Uri}";
        while (Clock.Now < deadline)
        {
            try
            {
                if (await api.GetTextOrNullAsync(path, cancellationToken) is { } text && HlsPlaylists.ParseMedia(text).Segments.Count >= needed)
                {
                    // The joins are spread from the moment the playlist is ready, not bunched up waiting for it.
                    await Task.Delay(delay, cancellationToken);
                    return FlashReceiver.Start(options.FfmpegPath, kind, api.Url(path), options.HlsStartSegments);
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
        }

        Log($"latency {Name(kind)}: {path} never listed {needed} segments");
        return null;
    }

    /// <summary>
    /// The flashes a receiver saw live, each matched to when it was sent: flash k ≥ 1 (0 is the very first frame),
    /// sent after the receiver decoded its first frame (earlier ones reach it from a cache or a back buffer in a burst).
    /// </summary>
    private static IReadOnlyList<FlashSample> Samples(FlashReceiver receiver, FlashPublisher publisher, FlashPattern pattern)
    {
        if (publisher.T0 is not { } t0 || receiver.FirstFrameAt is not { } firstFrame) return [];
        var samples = new List<FlashSample>();
        foreach (var detection in receiver.Detections)
        {
            if (detection.Code is not { } code) continue;
            var k = pattern.FlashIndex(t0, detection.ReceivedAt, code);
            var sent = pattern.SentAt(t0, k);
            if (k < 1 || sent < firstFrame || samples.Any(s => s.Flash == k)) continue;
            samples.Add(new FlashSample(k, Math.Round(detection.ReceivedAt - sent, 3)));
        }

        return samples;
    }

    private static async Task<int?> WaitForTranscoderAsync(string roomId, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = Clock.Now + timeout.TotalSeconds;
        while (Clock.Now < deadline)
        {
            if (FindTranscoder(roomId) is { } pid) return pid;
            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
        }

        return null;
    }

    /// <summary>Ends the room and waits (bounded) until its transcoder is gone, so it does not run into the next phase.</summary>
    private async Task EndRoomAsync(LiveRoomApi api, string roomId, int? transcoder, CancellationToken cancellationToken)
    {
        try
        {
            if (!await api.EndRoomAsync(roomId, cancellationToken)) Log($"room {roomId}: the server refused to end it");
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutException)
        {
            Log($"room {roomId}: ending it failed: {ex.Message}");
        }

        var deadline = Clock.Now + 15;
        while (Clock.Now < deadline && (FindTranscoder(roomId) is not null || (transcoder is { } pid && ProcFs.ProcessTicks(pid) is not null)))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
        }
    }

    public static string Name(ReceiverKind kind) => kind switch
    {
        ReceiverKind.Flv => "flv",
        ReceiverKind.FlvPaced => "flv-paced",
        ReceiverKind.Hls => "hls",
        ReceiverKind.HlsPaced => "hls-paced",
        ReceiverKind.HlsLowest => "hls-lowest",
        _ => kind.ToString(),
    };

    private static string Describe(ReceiverKind kind, HlsVariant? source, HlsVariant? lowest, int hlsStartSegments) => kind switch
    {
        ReceiverKind.Flv => "HTTP-FLV, live edge (decoded as it arrives)",
        ReceiverKind.FlvPaced => "HTTP-FLV, played in real time from the cached keyframe (page's mpegts.js)",
        ReceiverKind.Hls => $"HLS {source?.Name}, live edge (each segment as soon as listed)",
        ReceiverKind.HlsPaced => $"HLS {source?.Name}, played from {hlsStartSegments} segments back (page's hls.js)",
        ReceiverKind.HlsLowest => $"HLS {lowest?.Name}, live edge",
        _ => kind.ToString(),
    };

    private static double? Round(double? value) => value is { } v ? Math.Round(v, 3) : null;

    private static string Invariant(FormattableString value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Seconds(double? value) => value is { } v ? v.ToString("0.00", CultureInfo.InvariantCulture) + " s" : "-";

    private static string Cores(double? value) => value is { } v ? v.ToString("0.00", CultureInfo.InvariantCulture) : "-";

    private void Log(string line) => log?.WriteLine($"[{DateTime.Now:HH:mm:ss}] {line}");
}
