using System.Diagnostics;
using LiveRoom.Media.Transcoding;

namespace LiveRoom.Media.Tests;

public sealed class LadderTests
{
    private static readonly TranscodeOptions Defaults = new();

    [Theory]
    [InlineData(1080, new[] { "1080p", "720p", "480p", "360p" })]
    [InlineData(720, new[] { "720p", "480p", "360p" })]
    [InlineData(540, new[] { "540p", "480p", "360p" })]
    [InlineData(480, new[] { "480p", "360p" })]
    [InlineData(360, new[] { "360p" })]
    [InlineData(240, new[] { "240p" })]
    public void TheLadderPassesTheSourceThroughAndNeverUpscales(int sourceHeight, string[] names)
    {
        var plan = LadderPlan.For(sourceHeight, Defaults);

        plan.Renditions.Select(r => r.Name).ShouldBe(names);
        plan.Renditions[0].IsPassthrough.ShouldBeTrue();
        plan.Renditions.Skip(1).ShouldAllBe(r => !r.IsPassthrough && r.Height < sourceHeight);
    }

    [Theory]
    [InlineData(720)]
    [InlineData(1080)]
    [InlineData(360)]
    public void TheLadderCommandMatchesItsGoldenFile(int sourceHeight)
    {
        var args = FfmpegArguments.HlsLadder(LadderPlan.For(sourceHeight, Defaults), Defaults, "/var/liveroom/live/room1", sourceKbps: 4500).Arguments;

        var golden = Path.Combine(AppContext.BaseDirectory, "Golden", $"ladder-{sourceHeight}p.txt");
        var expected = File.ReadAllLines(golden);
        args.ShouldBe(expected, $"update {golden} if the change is intended");
    }

    [Fact]
    public async Task FfmpegRunsTheLadderAndWritesThreeAlignedRenditionsForA720pSource()
    {
        var work = Directory.CreateTempSubdirectory("liveroom-ladder-");
        try
        {
            var source = Path.Combine(work.FullName, "source.flv");
            await RunAsync("ffmpeg", ["-hide_banner", "-loglevel", "error", "-f", "lavfi", "-i", "testsrc2=size=1280x720:rate=30", "-f", "lavfi", "-i", "sine=frequency=1000:sample_rate=48000",
                "-t", "6", "-c:v", "libx264", "-preset", "ultrafast", "-g", "60", "-pix_fmt", "yuv420p", "-c:a", "aac", "-f", "flv", source]);
            var output = Path.Combine(work.FullName, "hls");

            await RunAsync("ffmpeg", FfmpegArguments.HlsLadder(LadderPlan.For(720, Defaults), Defaults, output, sourceKbps: 3000).Arguments, stdin: source);

            var master = await File.ReadAllTextAsync(Path.Combine(output, "master.m3u8"));
            master.ShouldContain("720p/index.m3u8");
            master.ShouldContain("480p/index.m3u8");
            master.ShouldContain("360p/index.m3u8");
            master.ShouldContain("RESOLUTION=1280x720");
            var bandwidths = master.Split('\n').Where(l => l.StartsWith("#EXT-X-STREAM-INF", StringComparison.Ordinal))
                .Select(l => int.Parse(l.Split("BANDWIDTH=")[1].Split(',')[0], System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            bandwidths.ShouldBe(bandwidths.OrderDescending().ToArray(), "the source is advertised as the richest rendition");
            foreach (var (name, width, height) in new[] { ("720p", 1280, 720), ("480p", 854, 480), ("360p", 640, 360) })
            {
                var playlist = await File.ReadAllTextAsync(Path.Combine(output, name, "index.m3u8"));
                playlist.ShouldContain("#EXT-X-PROGRAM-DATE-TIME");
                playlist.ShouldContain("#EXT-X-TARGETDURATION:2");
                var probe = await RunAsync("ffprobe", ["-v", "error", "-select_streams", "v:0", "-show_entries", "stream=width,height", "-of", "csv=p=0", Path.Combine(output, name, "segment_000001.ts")]);
                probe.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[0].ShouldBe($"{width},{height}");
            }

            // Keyframes aligned: every rendition cuts its segments at the same frames (within one frame at 30 fps).
            var durations = new[] { "720p", "480p", "360p" }
                .Select(n => File.ReadAllLines(Path.Combine(output, n, "index.m3u8"))
                    .Where(l => l.StartsWith("#EXTINF:", StringComparison.Ordinal))
                    .Select(l => double.Parse(l[8..].TrimEnd(','), System.Globalization.CultureInfo.InvariantCulture)).ToArray())
                .ToArray();
            durations.ShouldAllBe(d => d.Length == durations[0].Length);
            for (var i = 0; i < durations[0].Length; i++)
            {
                durations.Select(d => d[i]).Max().ShouldBe(durations.Select(d => d[i]).Min(), 0.034, $"segment {i}");
            }
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static async Task<string> RunAsync(string program, IEnumerable<string> arguments, string? stdin = null)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = stdin is not null, UseShellExecute = false };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            await using (var input = File.OpenRead(stdin)) await input.CopyToAsync(process.StandardInput.BaseStream);
            process.StandardInput.Close();
        }

        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        process.ExitCode.ShouldBe(0, await errors);
        return await output;
    }
}
