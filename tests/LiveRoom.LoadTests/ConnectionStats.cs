namespace LiveRoom.LoadTests;

/// <summary>How setting up the viewers went.</summary>
public sealed record ConnectionStats(
    int Requested,
    int IdentitiesCreated,
    int Connected,
    int Failed,
    int LostDuringRun,
    int JsonConnections,
    int MessagePackConnections,
    double IdentitySeconds,
    double ConnectSeconds,
    LatencySummary PerConnection,
    IReadOnlyDictionary<string, int> FailureReasons);
