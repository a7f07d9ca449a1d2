using System.Globalization;
using LiveRoom.Shared;

namespace LiveRoom.LoadTests;

/// <summary>Turns command-line arguments into <see cref="LoadOptions"/>.</summary>
internal static class CommandLine
{
    public const string Usage = """
        Usage: LiveRoom.LoadTests [options]

        Opens N viewer connections to one room, sends chat at a fixed rate from a few of them, and reports
        delivered messages/s, send-to-receive latency and server CPU and memory. Exit code 0 when every
        message reached every connection and p99 <= --max-p99-ms, 1 otherwise, 2 on bad arguments.

          --url URL                  server base address (default http://127.0.0.1:5080)
          --room ID                  an existing room; otherwise one is created with:
          --admin-email EMAIL        (or LIVEROOM_ADMIN_EMAIL)
          --admin-password PASSWORD  (or LIVEROOM_ADMIN_PASSWORD)
          --viewers N                viewer connections (default 2000, at most 15000)
          --senders K                how many of the viewers send chat (default 5)
          --rate R                   chat messages per second in total (default 20)
          --duration S               seconds of measured sending (default 30)
          --warmup S                 seconds of sending before measuring (default 5)
          --protocol P               json | messagepack | mixed (default mixed: half each)
          --connect-concurrency C    identities/connections set up at a time (default 50)
          --source-addresses LIST    spread client sockets over loopback addresses, e.g. 127.0.0.1,127.0.0.2
          --sender-limit R           the server's chat messages/s per person (default 2): the tool warns when
                                     --rate / --senders is above it
          --message-length L         chat text length (default 40)
          --max-p99-ms MS            the p99 latency that still passes (default 250)
          --server-pid PID           read server CPU/memory from /proc when /metrics lacks them
          --connect-timeout S        per connection (default 30)
          --send-timeout S           per chat message (default 10)
          --drain-timeout S          wait for deliveries after the last send (default 10)
          --json                     print the report as JSON after the text
          --quiet                    no progress lines
        """;

    /// <summary>Parses the arguments; the error is null on success.</summary>
    public static (LoadOptions Options, bool Json, bool Quiet, bool Help, string? Error) Parse(IReadOnlyList<string> args)
    {
        var options = new LoadOptions
        {
            AdminEmail = Environment.GetEnvironmentVariable("LIVEROOM_ADMIN_EMAIL"),
            AdminPassword = Environment.GetEnvironmentVariable("LIVEROOM_ADMIN_PASSWORD"),
        };
        bool json = false, quiet = false;
        try
        {
            var reader = new OptionReader(args);
            while (reader.MoveNext())
            {
                var name = reader.Name;
                string Value() => reader.Value();

                switch (name)
                {
                    case "-h" or "--help": return (options, json, quiet, true, null);
                    case "--json": json = true; break;
                    case "--quiet": quiet = true; break;
                    case "--url": options = options with { ServerUrl = ParseUrl(Value()) }; break;
                    case "--room": options = options with { RoomId = Value() }; break;
                    case "--admin-email": options = options with { AdminEmail = Value() }; break;
                    case "--admin-password": options = options with { AdminPassword = Value() }; break;
                    case "--viewers": options = options with { Viewers = Integer(name, Value()) }; break;
                    case "--senders": options = options with { Senders = Integer(name, Value()) }; break;
                    case "--rate": options = options with { Rate = Number(name, Value()) }; break;
                    case "--duration": options = options with { Duration = Seconds(name, Value()) }; break;
                    case "--warmup": options = options with { Warmup = Seconds(name, Value()) }; break;
                    case "--protocol": options = options with { Protocol = Protocol(Value()) }; break;
                    case "--connect-concurrency": options = options with { ConnectConcurrency = Integer(name, Value()) }; break;
                    case "--source-addresses":
                        options = options with { SourceAddresses = [.. Value().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)] };
                        break;
                    case "--sender-limit": options = options with { PerSenderLimit = Number(name, Value()) }; break;
                    case "--message-length": options = options with { MessageLength = Integer(name, Value()) }; break;
                    case "--max-p99-ms": options = options with { MaxP99Milliseconds = Number(name, Value()) }; break;
                    case "--server-pid": options = options with { ServerPid = Integer(name, Value()) }; break;
                    case "--connect-timeout": options = options with { ConnectTimeout = Seconds(name, Value()) }; break;
                    case "--send-timeout": options = options with { SendTimeout = Seconds(name, Value()) }; break;
                    case "--drain-timeout": options = options with { DrainTimeout = Seconds(name, Value()) }; break;
                    default: throw new FormatException($"Unknown option {name}.");
                }
            }
        }
        catch (FormatException ex)
        {
            return (options, json, quiet, false, ex.Message);
        }

        var errors = options.Validate();
        return (options, json, quiet, false, errors.Count == 0 ? null : string.Join(Environment.NewLine, errors));
    }

    private static Uri ParseUrl(string value)
    {
        if (!Uri.TryCreate(value.EndsWith('/') ? value : value + "/", UriKind.Absolute, out var url))
        {
            throw new FormatException($"--url: '{value}' is not an absolute address.");
        }

        return url;
    }

    private static HubProtocolMix Protocol(string value) => value.ToLowerInvariant() switch
    {
        "json" => HubProtocolMix.Json,
        "messagepack" or "msgpack" => HubProtocolMix.MessagePack,
        "mixed" => HubProtocolMix.Mixed,
        _ => throw new FormatException($"--protocol: '{value}' is not json, messagepack or mixed."),
    };

    private static int Integer(string name, string value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw new FormatException($"{name}: '{value}' is not a whole number.");

    private static double Number(string name, string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number)
            ? number
            : throw new FormatException($"{name}: '{value}' is not a number.");

    private static TimeSpan Seconds(string name, string value) => TimeSpan.FromSeconds(Number(name, value));
}
