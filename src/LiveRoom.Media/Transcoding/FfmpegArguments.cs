using System.Globalization;

namespace LiveRoom.Media.Transcoding;

/// <summary>
/// The ffmpeg command lines LiveRoom runs, built as argument lists (never a shell string) by pure
/// functions, so golden tests pin them down without running ffmpeg.
/// </summary>
public static class FfmpegArguments
{
    /// <summary>
    /// Live FLV, piped in → an HLS ladder in <paramref name="outputDirectory"/>: <c>master.m3u8</c>
    /// and one folder per rendition. The source video and all audio are copied; lower rungs are scaled in a
    /// cascade (each from the one above) and keep the source's keyframes, so every rendition's segments
    /// start at the same moments and players switch cleanly.
    /// </summary>
    /// <remarks>
    /// <c>sourceKbps</c> is the source's bitrate as the publisher announced it: a copied stream carries none,
    /// and without it the master playlist would advertise the source as the cheapest rendition.
    /// With <c>continuePlaylists</c> (ffmpeg restarted, or the publisher came back) ffmpeg appends to the
    /// existing playlists and marks a discontinuity, so viewers' players carry on.
    /// </remarks>
    public static FfmpegCommand HlsLadder(LadderPlan plan, TranscodeOptions options, string outputDirectory, int sourceKbps, bool continuePlaylists = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(outputDirectory);
        var encoded = plan.Renditions.Where(r => !r.IsPassthrough).ToArray();
        // Errors only: a live ffmpeg runs for hours, and a warning repeated for every packet would pile up.
        // The input is the pipe LiveRoom feeds (a Unix socket through FFMpegCore, or standard input).
        string[] input =
        [
            "-hide_banner", "-nostats", "-loglevel", "error",
            "-protocol_whitelist", "pipe,unix",
            "-fflags", "+genpts",
            "-f", "flv",
        ];
        var args = new List<string>();

        if (encoded.Length > 0)
        {
            args.Add("-filter_complex");
            args.Add(CascadeFilter(encoded));
        }

        for (var i = 0; i < plan.Renditions.Count; i++)
        {
            var rendition = plan.Renditions[i];
            args.Add("-map");
            args.Add(rendition.IsPassthrough ? "0:v:0" : $"[v{rendition.Height}]");
            args.Add("-map");
            args.Add("0:a:0?");
        }

        for (var i = 0; i < plan.Renditions.Count; i++)
        {
            var rendition = plan.Renditions[i];
            var v = $":v:{Index(i)}";
            if (rendition.IsPassthrough)
            {
                args.AddRange([$"-c{v}", "copy", $"-b{v}", Kbps(Math.Max(1, sourceKbps))]);
                continue;
            }

            var kbps = rendition.VideoKbps!.Value;
            args.AddRange(
            [
                $"-c{v}", "libx264",
                $"-preset{v}", options.Preset,
                .. options.LowLatencyRungs ? [$"-tune{v}", "zerolatency"] : Array.Empty<string>(),
                $"-profile{v}", "main",
                $"-b{v}", Kbps(kbps),
                $"-maxrate{v}", Kbps(kbps * 107 / 100),
                $"-bufsize{v}", Kbps(kbps * 3 / 2),
                $"-force_key_frames{v}", "source",
                $"-sc_threshold{v}", "0",
                $"-pix_fmt{v}", "yuv420p",
            ]);
        }

        args.AddRange(["-c:a", "copy"]);
        args.AddRange(
        [
            "-f", "hls",
            "-hls_time", options.SegmentSeconds.ToString(CultureInfo.InvariantCulture),
            "-hls_list_size", options.PlaylistSegments.ToString(CultureInfo.InvariantCulture),
            "-hls_flags", "independent_segments+delete_segments+program_date_time+temp_file" + (continuePlaylists ? "+append_list+discont_start" : string.Empty),
            "-hls_segment_type", "mpegts",
            "-hls_segment_filename", Path.Combine(outputDirectory, "%v", "segment_%06d.ts"),
            "-master_pl_name", "master.m3u8",
            "-var_stream_map", string.Join(' ', plan.Renditions.Select((r, i) => $"v:{Index(i)},a:{Index(i)},name:{r.Name}")),
        ]);
        return new FfmpegCommand(input, FfmpegCommand.PipedInput, args, Path.Combine(outputDirectory, "%v", "index.m3u8"));
    }

    /// <summary>
    /// <c>[0:v]scale=…,split[vH1][c1];[c1]scale=…,split[vH2][c2];…</c>: each rung is scaled from the one above
    /// it (bilinear), which costs far less than scaling every rung from the source.
    /// </summary>
    private static string CascadeFilter(IReadOnlyList<Rendition> encoded)
    {
        var parts = new List<string>();
        var input = "[0:v]";
        for (var i = 0; i < encoded.Count; i++)
        {
            var height = encoded[i].Height;
            var scale = $"{input}scale=-2:{height}:flags=bilinear";
            if (i == encoded.Count - 1)
            {
                parts.Add($"{scale}[v{height}]");
            }
            else
            {
                parts.Add($"{scale},split=2[v{height}][c{height}]");
                input = $"[c{height}]";
            }
        }

        return string.Join(';', parts);
    }

    private static string Index(int i) => i.ToString(CultureInfo.InvariantCulture);

    private static string Kbps(int kbps) => kbps.ToString(CultureInfo.InvariantCulture) + "k";
}
