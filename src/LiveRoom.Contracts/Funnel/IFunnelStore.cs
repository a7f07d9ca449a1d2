namespace LiveRoom.Contracts.Funnel;

/// <summary>The funnel's figures, read from the engagement aggregates, the leads and the call history.</summary>
public interface IFunnelStore
{
    Task<FunnelReport> GetReportAsync(FunnelQuery query, CancellationToken cancellationToken = default);

    /// <summary>The room's minutes in the range, gaps filled with zeros (at most <paramref name="maxPoints"/>, the latest kept).</summary>
    Task<IReadOnlyList<TimelinePoint>> GetTimelineAsync(string roomId, DateTimeOffset? from, DateTimeOffset? to, int maxPoints, CancellationToken cancellationToken = default);

    /// <summary>The engagement of each viewer of the room who left a lead there, by viewer id.</summary>
    Task<IReadOnlyDictionary<string, ViewerEngagement>> GetLeadEngagementAsync(string roomId, CancellationToken cancellationToken = default);
}
