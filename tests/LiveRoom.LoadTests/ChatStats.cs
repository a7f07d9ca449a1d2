namespace LiveRoom.LoadTests;

/// <summary>The chat messages sent in the measured window and what the server answered.</summary>
public sealed record ChatStats(
    int Senders,
    int MinimumSenders,
    double RequestedRate,
    double AchievedRate,
    int Sent,
    int Acknowledged,
    int Refused,
    int Failed,
    int WarmupSent,
    int WarmupRefusedOrFailed,
    LatencySummary Acknowledgement,
    IReadOnlyDictionary<string, int> RefusalReasons);
