using System.Globalization;
using System.Net;
using System.Text.Json.Serialization;

namespace LiveRoom.LoadTests;

/// <summary>What one load run does. The defaults are the target scenario of the benchmark.</summary>
public sealed record LoadOptions
{
    /// <summary>More connections than this need several client processes (20,000 open files per process).</summary>
    public const int MaxViewers = 15_000;

    /// <summary>The server's base address.</summary>
    public Uri ServerUrl { get; init; } = new("http://127.0.0.1:5080/");

    /// <summary>An existing room; when null a room is created with the admin credentials.</summary>
    public string? RoomId { get; init; }

    public string? AdminEmail { get; init; }

    [JsonIgnore]
    public string? AdminPassword { get; init; }

    /// <summary>Viewer connections to open in the room (the senders are among them).</summary>
    public int Viewers { get; init; } = 2000;

    /// <summary>How many of the viewers send chat.</summary>
    public int Senders { get; init; } = 5;

    /// <summary>Chat messages per second in total, spread evenly over the senders.</summary>
    public double Rate { get; init; } = 20;

    /// <summary>The measured window of sending.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Sending at the same rate before the measured window (not counted).</summary>
    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(5);

    public HubProtocolMix Protocol { get; init; } = HubProtocolMix.Mixed;

    /// <summary>Viewer identities created and hub connections opened at the same time.</summary>
    public int ConnectConcurrency { get; init; } = 50;

    /// <summary>Loopback source addresses the client sockets are spread over (empty: the system's choice).</summary>
    public IReadOnlyList<string> SourceAddresses { get; init; } = [];

    /// <summary>The run fails when the send-to-receive p99 is above this.</summary>
    public double MaxP99Milliseconds { get; init; } = 250;

    /// <summary>
    /// The most chat messages per second one person may send: the server's
    /// <c>LiveRoom:Chat:MessagesPerSecond</c> (default 2). Used to compute the fewest senders the rate needs.
    /// </summary>
    public double PerSenderLimit { get; init; } = 2;

    /// <summary>Chat text length in characters (the tag plus padding).</summary>
    public int MessageLength { get; init; } = 40;

    /// <summary>The server's process id, read through /proc when /metrics lacks CPU or memory.</summary>
    public int? ServerPid { get; init; }

    /// <summary>
    /// The server runs in this process (a test): the tool's CPU and memory then include the server's, and the
    /// machine's other load is computed without counting the process twice.
    /// </summary>
    public bool ServerInProcess { get; init; }

    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan SendTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long to wait after the last send for the deliveries still on their way.</summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The fewest senders that stay within <see cref="PerSenderLimit"/> at <see cref="Rate"/>.</summary>
    public int MinimumSenders => PerSenderLimit <= 0 ? Senders : (int)Math.Ceiling(Math.Round(Rate / PerSenderLimit, 6));

    /// <summary>Problems that make the options unusable; empty when they are fine.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (!ServerUrl.IsAbsoluteUri || (ServerUrl.Scheme != Uri.UriSchemeHttp && ServerUrl.Scheme != Uri.UriSchemeHttps))
        {
            errors.Add("--url must be an absolute http(s) address.");
        }
        else if (!IsLoopback(ServerUrl))
        {
            errors.Add($"--url must point at a loopback address (127.0.0.0/8 or localhost), not {ServerUrl.Host}.");
        }

        if (RoomId is null && (string.IsNullOrEmpty(AdminEmail) || string.IsNullOrEmpty(AdminPassword)))
        {
            errors.Add("Give --room, or --admin-email and --admin-password to create a room.");
        }

        if (Viewers is < 1 or > MaxViewers)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"--viewers must be 1..{MaxViewers} (one process holds at most 20,000 open files)."));
        }

        if (Senders < 1 || Senders > Viewers) errors.Add("--senders must be 1..viewers.");
        if (!(Rate > 0 && Rate <= 10_000)) errors.Add("--rate must be above 0 and at most 10000 messages/s.");
        if (Duration <= TimeSpan.Zero || Duration > TimeSpan.FromMinutes(30)) errors.Add("--duration must be 1..1800 seconds.");
        if (Warmup < TimeSpan.Zero || Warmup > TimeSpan.FromMinutes(5)) errors.Add("--warmup must be 0..300 seconds.");
        if (ConnectConcurrency is < 1 or > 1000) errors.Add("--connect-concurrency must be 1..1000.");
        if (MessageLength is < 24 or > 500) errors.Add("--message-length must be 24..500 characters.");
        if (MaxP99Milliseconds <= 0) errors.Add("--max-p99-ms must be above 0.");
        foreach (var address in SourceAddresses)
        {
            if (!IPAddress.TryParse(address, out var ip) || !IPAddress.IsLoopback(ip) || ip.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork)
            {
                errors.Add($"--source-addresses: '{address}' is not an IPv4 loopback address (127.x.y.z).");
            }
        }

        return errors;
    }

    private static bool IsLoopback(Uri url) =>
        url.IsLoopback || (IPAddress.TryParse(url.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
}
