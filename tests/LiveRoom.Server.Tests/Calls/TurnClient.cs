using System.Diagnostics;
using System.Globalization;
using System.Text;
using LiveRoom.Contracts.Calls;
using LiveRoom.Testing;

namespace LiveRoom.Server.Tests.Calls;

/// <summary>What coturn said to a client that allocated a relay and asked it to reach one peer.</summary>
internal enum TurnOutcome
{
    /// <summary>The allocation was refused (a wrong or expired credential: 401 until the client gives up).</summary>
    AllocationRefused,

    /// <summary>Allocated, but the peer was refused (403 Forbidden IP).</summary>
    PeerRefused,

    /// <summary>Allocated, and the relay may reach the peer (the channel bind succeeded).</summary>
    PeerAllowed,
}

/// <summary>
/// coturn's own test client, <c>turnutils_uclient</c>, run once: allocate a relay with a credential, then bind a
/// channel to one peer address. Only the control messages matter: with <c>-n 0</c> it relays no data, and a
/// relay bound to loopback could not send off the machine anyway.
/// </summary>
internal static class TurnClient
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    public static async Task<(TurnOutcome Outcome, string Output)> ReachPeerAsync(CoturnServer server, IceServer credential, string peer, CancellationToken cancellationToken)
    {
        var ipv6 = peer.Contains(':', StringComparison.Ordinal);
        var start = new ProcessStartInfo(CoturnServer.FindExecutable("turnutils_uclient"))
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add("-v");
        if (ipv6) start.ArgumentList.Add("-x"); // an IPv6 relay: the peer's family must match the relay's
        foreach (var argument in new[]
        {
            "-p", server.Port.ToString(CultureInfo.InvariantCulture),
            "-u", credential.Username ?? "",
            "-w", credential.Credential ?? "",
            "-e", peer,
            "-n", "0", // no data, only allocate, refresh and channel bind
            "-c", // no second (RTCP) allocation
            ipv6 ? "::1" : "127.0.0.1",
        })
        {
            start.ArgumentList.Add(argument);
        }

        var output = new StringBuilder();
        var outcome = new TaskCompletionSource<TurnOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        void Read(string? line)
        {
            if (line is null) return;
            lock (output) output.AppendLine(line);
            if (line.Contains("channel bind: error 403", StringComparison.Ordinal)) outcome.TrySetResult(TurnOutcome.PeerRefused);
            else if (line.Contains("success: 0x", StringComparison.Ordinal)) outcome.TrySetResult(TurnOutcome.PeerAllowed); // the channel bind's answer
            else if (line.Contains("Cannot complete Allocation", StringComparison.Ordinal)) outcome.TrySetResult(TurnOutcome.AllocationRefused);
        }

        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Read(e.Data);
        process.ErrorDataReceived += (_, e) => Read(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var exited = process.WaitForExitAsync(cancellationToken);
            var first = await Task.WhenAny(outcome.Task, exited).WaitAsync(Timeout, cancellationToken);
            if (first == exited && !outcome.Task.IsCompleted)
            {
                // Its last lines may still be on their way.
                await Task.WhenAny(outcome.Task, Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken));
            }

            if (!outcome.Task.IsCompleted)
            {
                throw new InvalidOperationException($"turnutils_uclient ended (code {process.ExitCode}) without an allocation or channel bind answer for peer {peer}. Its output:{Environment.NewLine}{Text(output)}");
            }

            return (await outcome.Task, Text(output));
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"turnutils_uclient gave no answer for peer {peer} within {Timeout.TotalSeconds:0} s. Its output:{Environment.NewLine}{Text(output)}{Environment.NewLine}Server log:{Environment.NewLine}{server.Log()}");
        }
        finally
        {
            // After a successful channel bind it would wait for data that never comes.
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
    }

    private static string Text(StringBuilder output)
    {
        lock (output) return output.ToString();
    }
}
