using System.ComponentModel.DataAnnotations;

namespace LiveRoom.Grains.Calls;

/// <summary>The rules of the pull-aside queue and of calls (<c>LiveRoom:Calls</c>).</summary>
public sealed class CallOptions
{
    public const string SectionName = "LiveRoom:Calls";

    /// <summary>How long an offer rings one agent before it moves on.</summary>
    [Range(1, 600)]
    public int OfferTimeoutSeconds { get; set; } = 20;

    /// <summary>
    /// How long an agent who declined a ticket is not rung for that ticket again. The ticket waits meanwhile
    /// (it rings the other free agents, and anyone may still accept it by hand).
    /// </summary>
    [Range(0, 3_600)]
    public int DeclineCooldownSeconds { get; set; } = 30;

    /// <summary>How long a viewer whose connection dropped keeps their place, and a call participant has to come back.</summary>
    [Range(1, 3_600)]
    public int ReconnectGraceSeconds { get; set; } = 60;

    /// <summary>The shortest time between two rounds of queue updates (positions, entries); 0 sends every change at once.</summary>
    [Range(0, 5_000)]
    public int PublishIntervalMilliseconds { get; set; } = 100;

    [Range(1, 100_000)]
    public int MaxQueueLength { get; set; } = 500;

    [Range(1, 1_000)]
    public int MaxTopicLength { get; set; } = 200;

    /// <summary>The handle time a room's estimates assume before it has finished calls of its own.</summary>
    [Range(1, 86_400)]
    public int DefaultHandleSeconds { get; set; } = 180;

    /// <summary>The largest capacity (calls at once) an agent may set.</summary>
    [Range(1, 50)]
    public int MaxAgentCapacity { get; set; } = 5;

    /// <summary>
    /// How long after a recording stops (or its call ends) the recording agent may still upload that take's
    /// chunks: the recorder hands over its last piece only once it has stopped. The recording job waits as long.
    /// </summary>
    [Range(0, 120)]
    public int RecordingTailSeconds { get; set; } = 5;

    [Range(1_024, 1_048_576)]
    public int MaxSdpBytes { get; set; } = 65_536;

    [Range(64, 65_536)]
    public int MaxCandidateBytes { get; set; } = 2_048;

    /// <summary>ICE candidates one participant may send per negotiation (an offer starts a new one).</summary>
    [Range(1, 10_000)]
    public int MaxCandidatesPerNegotiation { get; set; } = 64;
}
