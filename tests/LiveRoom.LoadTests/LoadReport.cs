namespace LiveRoom.LoadTests;

/// <summary>The outcome of one <see cref="LoadRun"/>.</summary>
public sealed record LoadReport
{
    public required LoadOptions Options { get; init; }

    public required string RoomId { get; init; }

    public required double MeasuredSeconds { get; init; }

    public required ConnectionStats Connections { get; init; }

    public required ChatStats Chat { get; init; }

    public required DeliveryStats Deliveries { get; init; }

    public required LatencyStats Latency { get; init; }

    public required ProcessUsage Server { get; init; }

    public required ProcessUsage Client { get; init; }

    public required MachineUsage Machine { get; init; }

    public required ServerActivity ServerActivity { get; init; }

    /// <summary>Things worth knowing that do not fail the run.</summary>
    public required IReadOnlyList<string> Warnings { get; init; }

    /// <summary>Why the run failed; empty when it passed.</summary>
    public required IReadOnlyList<string> Failures { get; init; }

    /// <summary>Every measured message reached every connection and the p99 is within the limit.</summary>
    public bool Passed => Failures.Count == 0;
}
