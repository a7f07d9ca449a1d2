using System.Globalization;
using LiveRoom.Shared;

namespace LiveRoom.MediaBench;

/// <summary>Turns command-line arguments into <see cref="MediaBenchOptions"/>.</summary>
public static class CommandLine
{
    public const string Usage = """
        Usage: LiveRoom.MediaBench [options]

        Drives a running LiveRoom server over its public API with real ffmpeg publishers and viewers and reports:
        time to first playable HLS segment; CPU of the server's transcoder (ffmpeg) per source and whether it
        keeps real time; glass-to-glass latency of HTTP-FLV and HLS from a flashing test picture.
        Exit code 0 when every phase produced its numbers, 1 otherwise, 2 on bad arguments.
        "LiveRoom.MediaBench call-recording --help": the recording job of a call, measured on its own.

          --url URL                server base address (default http://127.0.0.1:5095)
          --admin-email EMAIL      (or LIVEROOM_ADMIN_EMAIL)
          --admin-password PWD     (or LIVEROOM_ADMIN_PASSWORD)
          --server-pid PID         the server process, to report its own CPU
          --ffmpeg PATH            ffmpeg to run (default: ffmpeg on the PATH)
          --work-dir DIR           where the publisher clips are kept (default $TMPDIR/liveroom-mediabench)
          --sources LIST           sources to transcode, heights (16:9) or WxH: 720,1080 (default); "none" skips
          --fps N                  source frame rate (default 30)
          --keyframe-seconds N     publisher keyframe interval (default 1, what hosts are told)
          --publisher-preset P     publisher's x264 preset (default veryfast)
          --warmup S               seconds of transcoding before the CPU window (default 10)
          --window S               CPU window in seconds (default 40)
          --first-segment-timeout S  (default 30)
          --latency-source SIZE    latency test picture, height or WxH (default 720); "none" skips latency
          --flashes N              flashes each receiver must see (default 10)
          --flash-period S         seconds between flashes (default 3.1)
          --hls-start-segments N   the paced HLS receiver starts N segments back (default 2, as the page's hls.js)
          --paced-joins N          receivers per paced kind, joining spread over a keyframe interval (default 3)
          --receivers LIST         flv,flv-paced,hls,hls-paced,hls-lowest (default: all)
          --note TEXT              carried into the report (e.g. the server settings)
          --json                   print the report as JSON instead of tables
          --json-file PATH         also write the report as JSON to PATH
          --quiet                  no progress lines
        """;

    public static (MediaBenchOptions Options, bool Json, string? JsonFile, bool Quiet, bool Help, string? Error) Parse(IReadOnlyList<string> args)
    {
        var options = new MediaBenchOptions
        {
            AdminEmail = Environment.GetEnvironmentVariable("LIVEROOM_ADMIN_EMAIL"),
            AdminPassword = Environment.GetEnvironmentVariable("LIVEROOM_ADMIN_PASSWORD"),
        };
        bool json = false, quiet = false;
        string? jsonFile = null;
        string sources = "720,1080", latency = "720";
        int fps = 30, keyframeSeconds = 1;
        try
        {
            var reader = new OptionReader(args);
            while (reader.MoveNext())
            {
                var name = reader.Name;
                string Value() => reader.Value();

                switch (name)
                {
                    case "-h" or "--help": return (options, json, jsonFile, quiet, true, null);
                    case "--json": json = true; break;
                    case "--json-file": jsonFile = Value(); break;
                    case "--quiet": quiet = true; break;
                    case "--url": options = options with { ServerUrl = Url(Value()) }; break;
                    case "--admin-email": options = options with { AdminEmail = Value() }; break;
                    case "--admin-password": options = options with { AdminPassword = Value() }; break;
                    case "--server-pid": options = options with { ServerPid = Integer(name, Value(), 1) }; break;
                    case "--ffmpeg": options = options with { FfmpegPath = Value() }; break;
                    case "--work-dir": options = options with { WorkDirectory = Value() }; break;
                    case "--sources": sources = Value(); break;
                    case "--fps": fps = Integer(name, Value(), 1); break;
                    case "--keyframe-seconds": keyframeSeconds = Integer(name, Value(), 1); break;
                    case "--publisher-preset": options = options with { PublisherPreset = Value() }; break;
                    case "--warmup": options = options with { Warmup = Seconds(name, Value(), 0) }; break;
                    case "--window": options = options with { Window = Seconds(name, Value(), 1) }; break;
                    case "--first-segment-timeout": options = options with { FirstSegmentTimeout = Seconds(name, Value(), 1) }; break;
                    case "--latency-source": latency = Value(); break;
                    case "--flashes": options = options with { Flashes = Integer(name, Value(), 1) }; break;
                    case "--flash-period": options = options with { FlashPeriodSeconds = Seconds(name, Value(), 1).TotalSeconds }; break;
                    case "--hls-start-segments": options = options with { HlsStartSegments = Integer(name, Value(), 1) }; break;
                    case "--paced-joins": options = options with { PacedJoins = Integer(name, Value(), 1) }; break;
                    case "--receivers": options = options with { Receivers = Receivers(Value()) }; break;
                    case "--note": options = options with { Note = Value() }; break;
                    default: throw new FormatException($"Unknown option {name}.");
                }
            }

            options = options with
            {
                Sources = sources is "none" ? [] : [.. sources.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(s => Source(s, fps, keyframeSeconds))],
                LatencySource = latency is "none" ? null : Source(latency, fps, keyframeSeconds),
            };
        }
        catch (FormatException ex)
        {
            return (options, json, jsonFile, quiet, false, ex.Message);
        }

        if (options.AdminEmail is null || options.AdminPassword is null)
        {
            return (options, json, jsonFile, quiet, false, "The admin's email and password are needed (--admin-email/--admin-password or LIVEROOM_ADMIN_EMAIL/LIVEROOM_ADMIN_PASSWORD).");
        }

        return (options, json, jsonFile, quiet, false, null);
    }

    public static IReadOnlyList<ReceiverKind> Receivers(string list) =>
        [.. list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().Select(name =>
            Enum.GetValues<ReceiverKind>().FirstOrDefault(k => MediaBench.Name(k) == name) is var kind && MediaBench.Name(kind) == name
                ? kind
                : throw new FormatException($"Unknown receiver {name}: flv, flv-paced, hls, hls-paced or hls-lowest."))];

    private static SourceSpec Source(string text, int fps, int keyframeSeconds)
    {
        try
        {
            var source = SourceSpec.Parse(text, fps, keyframeSeconds);
            if (source.Width < 16 || source.Height < 16 || source.Width % 2 != 0 || source.Height % 2 != 0) throw new FormatException();
            return source;
        }
        catch (FormatException)
        {
            throw new FormatException($"'{text}' is not a source size: a height (720) or WxH (1280x720), even numbers.");
        }
    }

    private static Uri Url(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var url) && url.Scheme is "http" or "https" ? url : throw new FormatException($"'{value}' is not an http(s) URL.");

    private static int Integer(string name, string value, int min) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= min ? n : throw new FormatException($"{name} wants a whole number ≥ {min}.");

    private static TimeSpan Seconds(string name, string value, double min) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var s) && s >= min && s <= 3600
            ? TimeSpan.FromSeconds(s)
            : throw new FormatException($"{name} wants seconds between {min} and 3600.");
}
