using System.Globalization;
using LiveRoom.CallBench;
using LiveRoom.Shared;

const string Usage = """
    LiveRoom.CallBench — benchmarks of private calls against a running server.

      queue   --url URL --viewers 500 --agents 2 --accepts 40
              position updates to waiting viewers while agents take them, one by one
      accept  --url URL --calls 20 [--chromium /usr/bin/chromium]
              Accept → first remote frame on both sides (a live room fed by ffmpeg, real Chromium)

    The first admin signs in from LIVEROOM_ADMIN_EMAIL / LIVEROOM_ADMIN_PASSWORD. Exit 0: the run passed.
    """;

if (args.Length == 0 || args[0] is "-h" or "--help")
{
    Console.WriteLine(Usage);
    return args.Length == 0 ? 2 : 0;
}

var mode = args[0];
string? url = null, chromium = "/usr/bin/chromium";
int viewers = 500, agents = 2, accepts = 40, calls = 20;
try
{
    var reader = new OptionReader(args[1..]);
    while (reader.MoveNext())
    {
        switch (reader.Name)
        {
            case "--url": url = reader.Value(); break;
            case "--viewers": viewers = int.Parse(reader.Value(), CultureInfo.InvariantCulture); break;
            case "--agents": agents = int.Parse(reader.Value(), CultureInfo.InvariantCulture); break;
            case "--accepts": accepts = int.Parse(reader.Value(), CultureInfo.InvariantCulture); break;
            case "--calls": calls = int.Parse(reader.Value(), CultureInfo.InvariantCulture); break;
            case "--chromium": chromium = reader.Value(); break;
            default: throw new FormatException($"Unknown option {reader.Name}.");
        }
    }

    if (url is null) throw new FormatException("--url is required.");
    if (mode is not ("queue" or "accept")) throw new FormatException($"Unknown mode {mode}.");
}
catch (FormatException ex)
{
    Console.Error.WriteLine(ex.Message);
    Console.Error.WriteLine(Usage);
    return 2;
}

var email = Environment.GetEnvironmentVariable("LIVEROOM_ADMIN_EMAIL") ?? throw new InvalidOperationException("LIVEROOM_ADMIN_EMAIL is not set.");
var password = Environment.GetEnvironmentVariable("LIVEROOM_ADMIN_PASSWORD") ?? throw new InvalidOperationException("LIVEROOM_ADMIN_PASSWORD is not set.");
using var api = new BenchApi(new Uri(url.TrimEnd('/') + "/"));
using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(20));
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};
var passed = mode == "queue"
    ? await new QueueBench(api, Console.Out).RunAsync(email, password, viewers, agents, accepts, cancel.Token)
    : await new AcceptBench(api, Console.Out).RunAsync(email, password, chromium!, calls, cancel.Token);
return passed ? 0 : 1;
