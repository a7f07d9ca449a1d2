using System.Net;
using System.Net.Sockets;

namespace LiveRoom.Media.Tests;

/// <summary>
/// An attacker holding RTMP slots: keeps <c>count</c> raw TCP connections open from the given local
/// addresses (spread evenly), sends nothing on them, and reopens each one the moment the server closes it.
/// </summary>
public sealed class SlotFiller : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _filled = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _reachedTarget = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task[] _loops;
    private readonly int _count;
    private readonly int _target;
    private int _opened;

    private SlotFiller(int port, IReadOnlyList<IPAddress> from, int count, int target)
    {
        _count = count;
        _target = target;
        _loops = [.. Enumerable.Range(0, count).Select(i => Task.Run(() => HoldAsync(port, from[i % from.Count], _stop.Token)))];
    }

    /// <summary>How many connections the filler has opened so far (each reopen counts).</summary>
    public int Opened => Volatile.Read(ref _opened);

    public static SlotFiller Start(int port, int count, params IPAddress[] from) => new(port, from, count, int.MaxValue);

    /// <summary>Like <see cref="Start"/>; <see cref="ReachedTarget"/> completes once <paramref name="target"/> connections were opened.</summary>
    public static SlotFiller StartUntil(int port, int count, int target, params IPAddress[] from) => new(port, from, count, target);

    public Task ReachedTarget => _reachedTarget.Task;

    /// <summary>Completes once every connection has been opened at least once (the server's slots are full).</summary>
    public Task Filled => _filled.Task;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_loops).WaitAsync(TimeSpan.FromSeconds(10));
        _stop.Dispose();
    }

    private async Task HoldAsync(int port, IPAddress from, CancellationToken stop)
    {
        var buffer = new byte[256];
        while (!stop.IsCancellationRequested)
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                socket.Bind(new IPEndPoint(from, 0));
                await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), stop);
                var opened = Interlocked.Increment(ref _opened);
                if (opened >= _count) _filled.TrySetResult();
                if (opened >= _target) _reachedTarget.TrySetResult();
                // Idle: wait for the server to close (0 bytes or a reset), then open again at once.
                while (await socket.ReceiveAsync(buffer, SocketFlags.None, stop) > 0)
                {
                }
            }
            catch (SocketException)
            {
                // Refused or reset: open again.
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
        }
    }
}
