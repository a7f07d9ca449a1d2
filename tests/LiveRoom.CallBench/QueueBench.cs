using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using LiveRoom.Contracts.Calls;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveRoom.CallBench;

/// <summary>
/// How fast waiting viewers learn their new place: <c>viewers</c> viewers wait in one room's queue, agents
/// take the first one again and again (accept, hang up, accept the next), and for every accept the time
/// until each remaining viewer receives its new position is measured (from just before <c>AcceptCall</c>
/// is sent to the <c>queue</c> event arriving, on one clock, in this process).
/// </summary>
internal sealed class QueueBench(BenchApi api, TextWriter log)
{
    public async Task<bool> RunAsync(string adminEmail, string adminPassword, int viewers, int agents, int accepts, CancellationToken cancellationToken)
    {
        var admin = await api.LoginAsync(adminEmail, adminPassword);
        var roomId = await api.CreateRoomAsync(admin, "queue benchmark");
        var agentConnections = new List<(HubConnection Hub, string Id)>();
        for (var i = 0; i < agents; i++)
        {
            var (id, email, password) = await api.CreateAgentAsync(admin, $"agent{i}");
            var hub = api.Hub(await api.LoginAsync(email, password));
            await hub.StartAsync(cancellationToken);
            await hub.InvokeAsync<AgentStatus>("SetAvailability", true, 1, cancellationToken);
            await hub.InvokeAsync<QueueEntry[]>("WatchQueue", roomId, cancellationToken);
            agentConnections.Add((hub, id));
        }

        log.WriteLine($"{agents} agents serve room {roomId}; connecting {viewers} viewers...");
        var waiting = new ConcurrentDictionary<string, Viewer>();
        var connect = Stopwatch.StartNew();
        var viewerList = new List<Viewer>();
        for (var i = 0; i < viewers; i++)
        {
            var (viewerId, token) = await api.CreateViewerAsync(roomId, $"viewer {i}");
            viewerList.Add(new Viewer(viewerId, api.Hub(token)));
        }

        await Parallel.ForEachAsync(viewerList, new ParallelOptions { MaxDegreeOfParallelism = 32, CancellationToken = cancellationToken }, async (viewer, ct) =>
        {
            await viewer.Hub.StartAsync(ct);
            await viewer.Hub.InvokeAsync<object>("JoinRoom", roomId, ct);
        });

        // One at a time, so positions are the order of the requests.
        foreach (var viewer in viewerList)
        {
            var ticket = await viewer.Hub.InvokeAsync<CallTicket>("RequestCall", roomId, null, cancellationToken);
            viewer.Position = ticket.Position;
            waiting[viewer.Id] = viewer;
        }

        log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{viewers} viewers waiting after {connect.Elapsed.TotalSeconds:F1} s; {accepts} accepts follow"));
        var latencies = new List<double>();
        var lastArrivals = new List<double>();
        var missed = 0;
        for (var round = 0; round < accepts && !waiting.IsEmpty; round++)
        {
            var (agentHub, _) = agentConnections[round % agentConnections.Count];
            Viewer[] expected = [.. waiting.Values.Where(v => v.Position > 1)];
            var round0 = Stopwatch.GetTimestamp();
            foreach (var viewer in expected) viewer.Expect(viewer.Position - 1, round0);
            var call = await agentHub.InvokeAsync<CallInfo>("AcceptCall", roomId, null, cancellationToken);
            var taken = call.Participants.First(p => p.Role == CallRole.Viewer).Id;
            waiting.TryRemove(taken, out var takenViewer);
            // The agent takes the viewer offered to them, not always the first: only those behind move up.
            var takenPosition = takenViewer!.Position;
            expected = [.. expected.Where(v => v.Position > takenPosition)];
            var arrived = await Task.WhenAll(expected.Select(v => v.Arrival.Task.WaitAsync(TimeSpan.FromSeconds(10), cancellationToken).ContinueWith(t => t.IsCompletedSuccessfully ? t.Result : double.NaN, TaskScheduler.Default)));
            var good = arrived.Where(a => !double.IsNaN(a)).ToArray();
            missed += arrived.Length - good.Length;
            latencies.AddRange(good);
            if (good.Length > 0) lastArrivals.Add(good.Max());
            foreach (var viewer in expected) viewer.Position--;
            await agentHub.InvokeAsync("EndCall", call.CallId, cancellationToken);
        }

        log.WriteLine();
        log.WriteLine($"position updates to waiting viewers (accept sent → queue event received): {Percentiles.Describe(latencies)}");
        log.WriteLine($"the last viewer of each accept to get its update:                        {Percentiles.Describe(lastArrivals)}");
        log.WriteLine($"updates missed (not received within 10 s): {missed}");
        foreach (var viewer in viewerList) await viewer.Hub.DisposeAsync();
        foreach (var (hub, _) in agentConnections) await hub.DisposeAsync();
        return missed == 0;
    }

    private sealed class Viewer
    {
        private int _expected;
        private long _since;

        public Viewer(string id, HubConnection hub)
        {
            Id = id;
            Hub = hub;
            hub.On<QueueStatus>("queue", status =>
            {
                if (status.Position == Volatile.Read(ref _expected) && status.State is TicketState.Waiting or TicketState.Offered)
                {
                    Arrival.TrySetResult(Stopwatch.GetElapsedTime(Volatile.Read(ref _since)).TotalMilliseconds);
                }
            });
        }

        public string Id { get; }

        public HubConnection Hub { get; }

        public int Position { get; set; }

        public TaskCompletionSource<double> Arrival { get; private set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Expect(int position, long since)
        {
            Arrival = new TaskCompletionSource<double>(TaskCreationOptions.RunContinuationsAsynchronously);
            Volatile.Write(ref _since, since);
            Volatile.Write(ref _expected, position);
        }
    }
}
