using System.ComponentModel.DataAnnotations;

namespace LiveRoom.Server.Webhooks;

/// <summary>Outgoing webhooks (<c>LiveRoom:Webhooks</c>); see docs/WEBHOOKS.md.</summary>
public sealed class WebhookOptions : IValidatableObject
{
    public const string SectionName = "LiveRoom:Webhooks";

    /// <summary>
    /// Lets endpoints be on loopback, private, link-local, CGNAT or other reserved addresses (an on-premises CRM,
    /// tests). Off by default: a webhook must not become a way to reach the server's own network.
    /// </summary>
    public bool AllowPrivateNetworks { get; set; }

    /// <summary>Lets endpoints use plain <c>http://</c>. Off by default: events carry customers' questions.</summary>
    public bool AllowHttp { get; set; }

    /// <summary>
    /// The waits between attempts after a failure, comma-separated durations (<c>500ms</c>, <c>5s</c>, <c>5m</c>,
    /// <c>2h</c>, <c>1d</c>). The first attempt is at once; after the last wait's attempt fails, the delivery fails.
    /// </summary>
    [Required]
    public string RetrySchedule { get; set; } = "5s,5m,30m,2h,5h,10h,1d,1d";

    /// <summary>Each wait is moved by up to this fraction either way, so failed deliveries do not all come back at once.</summary>
    [Range(0.0, 0.5)]
    public double RetryJitter { get; set; } = 0.1;

    /// <summary>How long an attempt may take, connecting included.</summary>
    [Range(1, 120)]
    public int TimeoutSeconds { get; set; } = 15;

    /// <summary>The longest wait a <c>Retry-After</c> answer is followed for.</summary>
    [Range(0, 86_400)]
    public int MaxRetryAfterSeconds { get; set; } = 3_600;

    /// <summary>How long, after a rotation, deliveries are still signed with the previous secret as well.</summary>
    [Range(0, 24 * 30)]
    public double RotationOverlapHours { get; set; } = 24;

    /// <summary>How often the sender looks for deliveries that are due.</summary>
    [Range(100, 60_000)]
    public int PollIntervalMilliseconds { get; set; } = 1_000;

    /// <summary>How long a delivery handed to a job is not handed out again (a job lost with a crash is retried after this).</summary>
    [Range(30, 3_600)]
    public int ClaimSeconds { get; set; } = 120;

    /// <summary>How many attempts run at once.</summary>
    [Range(1, 32)]
    public int Workers { get; set; } = 4;

    [Range(1, 1_000)]
    public int MaxEndpoints { get; set; } = 50;

    /// <summary>The parsed <see cref="RetrySchedule"/>.</summary>
    public IReadOnlyList<TimeSpan> RetryDelays() => WebhookDurations.ParseList(RetrySchedule);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!WebhookDurations.TryParseList(RetrySchedule, out _))
        {
            yield return new ValidationResult(
                "RetrySchedule is a comma-separated list of durations such as 5s,5m,30m,2h,1d.", [nameof(RetrySchedule)]);
        }
    }
}
