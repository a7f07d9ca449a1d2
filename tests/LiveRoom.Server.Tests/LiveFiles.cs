using System.Diagnostics;
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
}
