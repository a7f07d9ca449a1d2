using System.Diagnostics;
using System.Net;
using LiveRoom.Testing;

namespace LiveRoom.Server.Tests;

/// <summary>Reading a room's live HLS files as a player would.</summary>
internal static class LiveFiles
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(45);

    /// <summary>ffmpeg writes files on its own schedule: ask until the answer satisfies <paramref name="ready"/> (bounded).</summary>
    public static async Task<string> GetWhenReadyAsync(HttpClient http, string path, Func<string, bool> ready)
    {
        var deadline = Stopwatch.StartNew();
        string last = "(nothing)";
        while (deadline.Elapsed < Timeout)
        {
            using var response = await http.GetAsync(path).WaitAsync(RoomClient.CallTimeout);
            if (response.IsSuccessStatusCode)
            {
                last = await response.Content.ReadAsStringAsync();
                if (ready(last)) return last;
            }
            else
            {
                last = $"HTTP {(int)response.StatusCode}";
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"{path} was not ready in {Timeout.TotalSeconds} s; last answer: {last}");
    }

    /// <summary>Asks until <paramref name="path"/> answers 404 (bounded): a status seen through a short cache.</summary>
    public static async Task WaitForNotFoundAsync(HttpClient http, string path, TimeSpan within)
    {
        var deadline = Stopwatch.StartNew();
        var last = HttpStatusCode.OK;
        while (deadline.Elapsed < within)
        {
            using var response = await http.GetAsync(path).WaitAsync(RoomClient.CallTimeout);
            last = response.StatusCode;
            if (last == HttpStatusCode.NotFound) return;
            await Task.Delay(200);
        }

        throw new TimeoutException($"{path} still answered {(int)last} after {within.TotalSeconds} s.");
    }
}
