using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.SignalR;

namespace LiveRoom.LoadTests;

/// <summary>
/// One chat fan-out load run: creates N viewer identities in a room, connects them to the hub, lets K of
/// them send chat at a fixed total rate (open loop: a slow answer never delays the next send), and measures
/// what reached whom and how fast. Usable from the command line (Program) and from tests.
/// </summary>
public sealed class LoadRun
{
    private static readonly TimeSpan SampleInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(30);

    private readonly TextWriter _log;

    /// <param name="log">Where progress lines go (the report itself is returned, not written).</param>
    public LoadRun(TextWriter? log = null)
    {
        _log = TextWriter.Synchronized(log ?? TextWriter.Null);
    }

    public async Task<LoadReport> RunAsync(LoadOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.Validate();
        if (errors.Count > 0) throw new ArgumentException(string.Join(" ", errors), nameof(options));

        var warnings = new List<string>();
        if (options.Senders < options.MinimumSenders)
        {
            Warn(warnings, Invariant(
                $"{options.Rate} msg/s over {options.Senders} senders is {options.Rate / options.Senders:0.##} msg/s each, above the per-person limit of {options.PerSenderLimit}/s: use at least {options.MinimumSenders} senders, or start the server with a higher LiveRoom:Chat:MessagesPerSecond (and pass it as --sender-limit)."));
        }

        var tracker = new DeliveryTracker(
            Convert.ToHexString(RandomNumberGenerator.GetBytes(3)).ToLowerInvariant(),
            (int)Math.Round(options.Rate * options.Warmup.TotalSeconds),
            Math.Max(1, (int)Math.Round(options.Rate * options.Duration.TotalSeconds)),
            options.MessageLength);

        using var network = new LoopbackNetwork(options.SourceAddresses, options.ConnectTimeout);
        using var api = new LiveRoomApiClient(options.ServerUrl, network.CreateHandler(options.ConnectConcurrency));
        await using var monitor = new ProcessMonitor(api, options.ServerPid);
        var setup = new SetupState();
        var closed = false;
        try
        {
            var roomId = options.RoomId ?? await CreateRoomAsync(api, options, cancellationToken);
            Log($"room {roomId}: {options.Viewers} viewers, {options.Senders} senders, {options.Rate} msg/s for {options.Duration.TotalSeconds} s after {options.Warmup.TotalSeconds} s warm-up, protocol {options.Protocol.ToString().ToLowerInvariant()}");
            monitor.StartSampling(SampleInterval);

            var identities = await CreateIdentitiesAsync(api, roomId, options, setup, cancellationToken);
            await ConnectAsync(roomId, identities, options, network, tracker, setup, cancellationToken);
            var viewers = setup.Viewers.OrderBy(v => v.Index).ToArray();
            if (viewers.Length == 0)
            {
                throw new InvalidOperationException("No viewer could connect: " + Describe(setup.Failures));
            }

            if (viewers.Length < options.Senders)
            {
                Warn(warnings, Invariant($"Only {viewers.Length} viewers connected, so only {viewers.Length} send."));
            }

            var senders = Enumerable.Range(0, Math.Min(options.Senders, viewers.Length))
                .Select(j => viewers[(int)((long)j * viewers.Length / Math.Min(options.Senders, viewers.Length))])
                .ToArray();

            var window = await SendAsync(senders, options, tracker, monitor, cancellationToken);
            var waitedSeconds = await DrainAsync(tracker, viewers.Length, window.End, options.DrainTimeout, cancellationToken);
            var analysis = tracker.Analyze([.. viewers.Select(v => v.Inbox)]);
            var drainSeconds = analysis.Missing > 0 || analysis.LastDeliveryTimestamp == 0
                ? waitedSeconds
                : Math.Max(0, (analysis.LastDeliveryTimestamp - window.End) / (double)Stopwatch.Frequency);
            var lost = setup.Lost;

            Log($"closing {viewers.Length} connections");
            closed = true;
            if (!await CloseAsync(setup.Viewers))
            {
                Warn(warnings, Invariant($"Closing the connections took longer than {CloseTimeout.TotalSeconds} s."));
            }

            return BuildReport(options, roomId, tracker, setup, viewers, senders.Length, window, drainSeconds, analysis, lost, warnings);
        }
        finally
        {
            if (!closed) await CloseAsync(setup.Viewers);
        }
    }

    private async Task<string> CreateRoomAsync(LiveRoomApiClient api, LoadOptions options, CancellationToken cancellationToken)
    {
        var token = await api.LoginAsync(options.AdminEmail!, options.AdminPassword!, cancellationToken);
        var title = "Load test " + DateTimeOffset.UtcNow.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        var roomId = await api.CreateRoomAsync(token, title, cancellationToken);
        Log($"created room {roomId}");
        return roomId;
    }

    private async Task<ViewerIdentity?[]> CreateIdentitiesAsync(
        LiveRoomApiClient api, string roomId, LoadOptions options, SetupState setup, CancellationToken cancellationToken)
    {
        var identities = new ViewerIdentity?[options.Viewers];
        var started = Stopwatch.GetTimestamp();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.ConnectConcurrency, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, options.Viewers), parallel, async (index, ct) =>
        {
            try
            {
                identities[index] = await api.CreateViewerAsync(roomId, Invariant($"Load viewer {index + 1}"), ct);
            }
            catch (Exception ex) when (!ct.IsCancellationRequested && ex is HttpRequestException or InvalidOperationException or OperationCanceledException or System.Text.Json.JsonException)
            {
                setup.Fail("identity: " + Reason(ex));
            }
        });
        setup.IdentitySeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        setup.IdentitiesCreated = identities.Count(i => i is not null);
        Log($"created {setup.IdentitiesCreated}/{options.Viewers} viewer identities in {setup.IdentitySeconds:0.0} s");
        return identities;
    }

    private async Task ConnectAsync(
        string roomId,
        ViewerIdentity?[] identities,
        LoadOptions options,
        LoopbackNetwork network,
        DeliveryTracker tracker,
        SetupState setup,
        CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var total = identities.Count(i => i is not null);
        var step = Math.Max(1, total / 10);
        var done = 0;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.ConnectConcurrency, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, identities.Length), parallel, async (index, ct) =>
        {
            if (identities[index] is not { } identity) return;
            var isMessagePack = options.Protocol == HubProtocolMix.MessagePack
                || (options.Protocol == HubProtocolMix.Mixed && index % 2 == 1);
            var viewer = new ViewerClient(index, roomId, identity, isMessagePack, options.ServerUrl, network, tracker);
            viewer.Lost += setup.OnLost;
            var connectStarted = Stopwatch.GetTimestamp();
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                timeout.CancelAfter(options.ConnectTimeout);
                await viewer.ConnectAsync(timeout.Token);
                setup.ConnectTimes.RecordElapsed(connectStarted, Stopwatch.GetTimestamp());
                setup.Viewers.Add(viewer);
            }
            catch (Exception ex) when (!ct.IsCancellationRequested)
            {
                setup.Fail("connect: " + Reason(ex));
                await viewer.DisposeAsync();
            }
            catch
            {
                await viewer.DisposeAsync();
                throw;
            }

            var count = Interlocked.Increment(ref done);
            if (count % step == 0 || count == total)
            {
                Log($"connected {setup.Viewers.Count}/{total} ({count - setup.Viewers.Count} failed) after {Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s");
            }
        });
        setup.ConnectSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
    }

    private async Task<MeasuredWindow> SendAsync(
        ViewerClient[] senders, LoadOptions options, DeliveryTracker tracker, ProcessMonitor monitor, CancellationToken cancellationToken)
    {
        var ticksPerMessage = Stopwatch.Frequency / options.Rate;
        var logEvery = Math.Max(1, (int)Math.Round(options.Rate * 5));
        var inFlight = new Task[tracker.TotalMessages];
        var start = Stopwatch.GetTimestamp() + (Stopwatch.Frequency / 10);
        long measuredStart = 0;
        Task<ProcessSample>? serverBefore = null;
        ProcessSample? clientBefore = null;
        MachineSample? machineBefore = null;
        if (tracker.WarmupMessages > 0) Log($"warming up: {tracker.WarmupMessages} messages");
        else Log($"measuring: {tracker.MeasuredMessages} messages");
        for (var sequence = 0; sequence < tracker.TotalMessages; sequence++)
        {
            await WaitUntilAsync(start + (long)(sequence * ticksPerMessage), cancellationToken);
            if (sequence == tracker.WarmupMessages)
            {
                measuredStart = Stopwatch.GetTimestamp();
                serverBefore = monitor.SampleServerAsync(cancellationToken);
                clientBefore = monitor.SampleClient();
                machineBefore = ProcessMonitor.SampleMachine();
                if (sequence > 0) Log($"measuring: {tracker.MeasuredMessages} messages");
            }
            else if (sequence > tracker.WarmupMessages && (sequence - tracker.WarmupMessages) % logEvery == 0)
            {
                var (sent, acknowledged, refused, failed) = tracker.CountMeasured();
                Log($"  {Stopwatch.GetElapsedTime(measuredStart).TotalSeconds:0} s: sent {sent}, acknowledged {acknowledged}, refused {refused}, failed {failed}, deliveries {tracker.Received}");
            }

            inFlight[sequence] = SendOneAsync(senders[sequence % senders.Length], sequence, tracker, options.SendTimeout, cancellationToken);
        }

        await WaitUntilAsync(start + (long)(tracker.TotalMessages * ticksPerMessage), cancellationToken);
        var measuredEnd = Stopwatch.GetTimestamp();
        var serverAfter = monitor.SampleServerAsync(cancellationToken);
        var clientAfter = monitor.SampleClient();
        var machineAfter = ProcessMonitor.SampleMachine();
        await Task.WhenAll(inFlight);
        var (serverStart, serverEnd) = (await serverBefore!, await serverAfter);
        var server = ProcessMonitor.Summarize(serverStart, serverEnd);
        var client = ProcessMonitor.Summarize(clientBefore!, clientAfter);
        return new MeasuredWindow(
            measuredStart,
            measuredEnd,
            server,
            client,
            ProcessMonitor.Summarize(machineBefore!, machineAfter, server, client, options.ServerInProcess),
            ProcessMonitor.SummarizeActivity(serverStart, serverEnd));
    }

    private static async Task SendOneAsync(
        ViewerClient sender, int sequence, DeliveryTracker tracker, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var text = tracker.TextOf(sequence);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        tracker.MarkSent(sequence, Stopwatch.GetTimestamp());
        try
        {
            await sender.SendChatAsync(text, deadline.Token);
            tracker.MarkAcknowledged(sequence, Stopwatch.GetTimestamp());
        }
        catch (HubException ex)
        {
            tracker.MarkRefused(sequence, ServerMessage(ex));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            tracker.MarkFailed(sequence, $"no answer within {timeout.TotalSeconds:0} s");
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            tracker.MarkFailed(sequence, Reason(ex));
        }
    }

    private async Task<double> DrainAsync(
        DeliveryTracker tracker, int connections, long sendingEnded, TimeSpan drainTimeout, CancellationToken cancellationToken)
    {
        var (_, acknowledged, _, _) = tracker.CountMeasured();
        var expected = (long)acknowledged * connections;
        try
        {
            await tracker.WaitForDeliveriesAsync(expected).WaitAsync(drainTimeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            Log($"gave up waiting after {drainTimeout.TotalSeconds:0} s: {tracker.Received} of {expected} deliveries arrived");
        }

        return Stopwatch.GetElapsedTime(sendingEnded).TotalSeconds;
    }

    private static async Task<bool> CloseAsync(ConcurrentBag<ViewerClient> viewers)
    {
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = 256 };
        try
        {
            await Parallel.ForEachAsync(viewers, parallel, static (viewer, _) => viewer.DisposeAsync()).WaitAsync(CloseTimeout);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    private LoadReport BuildReport(
        LoadOptions options,
        string roomId,
        DeliveryTracker tracker,
        SetupState setup,
        ViewerClient[] viewers,
        int senders,
        MeasuredWindow window,
        double drainSeconds,
        DeliveryAnalysis analysis,
        int lost,
        List<string> warnings)
    {
        var seconds = Stopwatch.GetElapsedTime(window.Start, window.End).TotalSeconds;
        var (sent, acknowledged, refused, failed) = tracker.CountMeasured();
        var (warmupSent, warmupAcknowledged, _, _) = tracker.CountWarmup();
        var reasons = tracker.Reasons.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        var chat = new ChatStats(
            senders,
            options.MinimumSenders,
            options.Rate,
            Math.Round(sent / seconds, 2),
            sent,
            acknowledged,
            refused,
            failed,
            warmupSent,
            warmupSent - warmupAcknowledged,
            tracker.Acknowledgement,
            reasons);
        var connections = new ConnectionStats(
            options.Viewers,
            setup.IdentitiesCreated,
            viewers.Length,
            options.Viewers - viewers.Length,
            lost,
            viewers.Count(v => !v.IsMessagePack),
            viewers.Count(v => v.IsMessagePack),
            Math.Round(setup.IdentitySeconds, 2),
            Math.Round(setup.ConnectSeconds, 2),
            setup.ConnectTimes.Summarize(),
            setup.Failures.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal));
        var deliveries = new DeliveryStats(
            analysis.Expected,
            analysis.Received,
            analysis.Missing,
            tracker.Duplicates,
            analysis.OfUnacknowledgedMessages,
            analysis.ConnectionsMissingSome,
            Math.Round(analysis.Received / seconds, 1),
            Math.Round(drainSeconds, 2));

        if (window.Server.CpuCores is null) Warn(warnings, "Server CPU is unknown: /metrics lacks process_cpu_seconds_total and no --server-pid was given.");
        if (window.Client.CpuCores is > 0.8)
        {
            Warn(warnings, Invariant($"The load tool itself used {window.Client.CpuCores:0.00} cores: on a small machine it competes with the server, so latency includes time the tool waited for CPU."));
        }

        if (window.Machine.OtherCores is > 0.25)
        {
            Warn(warnings, Invariant($"Other processes kept {window.Machine.OtherCores:0.00} cores busy during the window (load average {window.Machine.LoadAverage:0.0}): the numbers are disturbed; run again on a quiet machine."));
        }

        if (chat.WarmupRefusedOrFailed > 0) Warn(warnings, Invariant($"{chat.WarmupRefusedOrFailed} warm-up messages were refused or failed."));
        if (tracker.Foreign > 0) Warn(warnings, Invariant($"{tracker.Foreign} chat deliveries were not from this run (others are chatting in the room)."));

        var failures = new List<string>();
        if (viewers.Length < options.Viewers)
        {
            failures.Add(Invariant($"Only {viewers.Length} of {options.Viewers} viewers connected: {Describe(setup.Failures)}."));
        }

        if (refused > 0) failures.Add(Invariant($"{refused} of {sent} messages were refused: {Describe(reasons.Where(p => p.Key.StartsWith("refused", StringComparison.Ordinal)))}."));
        if (failed > 0) failures.Add(Invariant($"{failed} of {sent} messages failed: {Describe(reasons.Where(p => p.Key.StartsWith("failed", StringComparison.Ordinal)))}."));
        if (chat.AchievedRate < options.Rate * 0.95)
        {
            failures.Add(Invariant($"The tool sent only {chat.AchievedRate:0.#} msg/s of the {options.Rate} asked for (it is short of CPU)."));
        }

        if (lost > 0) failures.Add(Invariant($"{lost} connections were lost during the run: {Describe(setup.Failures.Where(p => p.Key.StartsWith("lost", StringComparison.Ordinal)))}."));
        if (deliveries.Missing > 0)
        {
            failures.Add(Invariant($"{deliveries.Missing} of {deliveries.Expected} deliveries never arrived ({deliveries.ConnectionsMissingSome} connections missed some)."));
        }

        if (deliveries.Duplicates > 0) failures.Add(Invariant($"{deliveries.Duplicates} deliveries arrived twice."));
        if (analysis.Latency.All.P99Ms > options.MaxP99Milliseconds)
        {
            failures.Add(Invariant($"p99 latency {analysis.Latency.All.P99Ms:0.#} ms is above {options.MaxP99Milliseconds:0.#} ms."));
        }

        return new LoadReport
        {
            Options = options,
            RoomId = roomId,
            MeasuredSeconds = Math.Round(seconds, 3),
            Connections = connections,
            Chat = chat,
            Deliveries = deliveries,
            Latency = analysis.Latency,
            Server = window.Server,
            Client = window.Client,
            Machine = window.Machine,
            ServerActivity = window.Activity,
            Warnings = warnings,
            Failures = failures,
        };
    }

    private static async Task WaitUntilAsync(long timestamp, CancellationToken cancellationToken)
    {
        var remaining = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), timestamp);
        if (remaining > TimeSpan.FromMilliseconds(0.5)) await Task.Delay(remaining, cancellationToken);
    }

    /// <summary>
    /// The server's own words: the .NET client wraps them as "An unexpected error occurred invoking 'X' on
    /// the server. HubException: {message}".
    /// </summary>
    private static string ServerMessage(HubException ex)
    {
        const string marker = "HubException: ";
        var at = ex.Message.IndexOf(marker, StringComparison.Ordinal);
        return at < 0 ? ex.Message : ex.Message[(at + marker.Length)..];
    }

    private static string Reason(Exception ex)
    {
        var inner = ex is AggregateException { InnerException: { } first } ? first : ex;
        var message = inner.Message.ReplaceLineEndings(" ");
        if (message.Length > 160) message = message[..160];
        return $"{inner.GetType().Name}: {message}";
    }

    private static string Describe(IEnumerable<KeyValuePair<string, int>> reasons)
    {
        var top = reasons.OrderByDescending(p => p.Value).Take(3).Select(p => Invariant($"{p.Value}× {p.Key}")).ToArray();
        return top.Length == 0 ? "no reason recorded" : string.Join("; ", top).TrimEnd('.');
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private void Warn(List<string> warnings, string warning)
    {
        warnings.Add(warning);
        _log.WriteLine("warning: " + warning);
    }

    private void Log(FormattableString line) => _log.WriteLine(Invariant(line));

    private sealed record MeasuredWindow(long Start, long End, ProcessUsage Server, ProcessUsage Client, MachineUsage Machine, ServerActivity Activity);

    private sealed class SetupState
    {
        private int _lost;

        public ConcurrentBag<ViewerClient> Viewers { get; } = [];

        public ConcurrentDictionary<string, int> Failures { get; } = new(StringComparer.Ordinal);

        public LatencyHistogram ConnectTimes { get; } = new();

        public int IdentitiesCreated { get; set; }

        public double IdentitySeconds { get; set; }

        public double ConnectSeconds { get; set; }

        public int Lost => Volatile.Read(ref _lost);

        public void Fail(string reason) => Failures.AddOrUpdate(reason, 1, static (_, n) => n + 1);

        public void OnLost(ViewerClient viewer, Exception? error)
        {
            Interlocked.Increment(ref _lost);
            Fail("lost: " + (error is null ? "closed by the server" : Reason(error)));
        }
    }
}
