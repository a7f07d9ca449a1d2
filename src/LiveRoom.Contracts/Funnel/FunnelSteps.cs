namespace LiveRoom.Contracts.Funnel;

/// <summary>The funnel's steps, in order, by their wire names.</summary>
public static class FunnelSteps
{
    public const string Viewers = "viewers";
    public const string Chatters = "chatters";
    public const string Questioners = "questioners";
    public const string CardClickers = "cardClickers";
    public const string ChannelVisitors = "channelVisitors";
    public const string CallRequesters = "callRequesters";
    public const string CallsAccepted = "callsAccepted";
    public const string CallsCompleted = "callsCompleted";
    public const string Leads = "leads";

    public static IReadOnlyList<string> All { get; } =
        [Viewers, Chatters, Questioners, CardClickers, ChannelVisitors, CallRequesters, CallsAccepted, CallsCompleted, Leads];

    /// <summary>The steps with their rates, from each step's count (in the order of <see cref="All"/>).</summary>
    public static IReadOnlyList<FunnelStep> Build(IReadOnlyList<long> counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        if (counts.Count != All.Count) throw new ArgumentException($"Expected {All.Count} counts.", nameof(counts));
        var steps = new FunnelStep[counts.Count];
        for (var i = 0; i < counts.Count; i++)
        {
            steps[i] = new FunnelStep(All[i], counts[i], i == 0 ? null : Rate(counts[i], counts[i - 1]), Rate(counts[i], counts[0]));
        }

        return steps;
    }

    private static double? Rate(long count, long of) => of <= 0 ? null : Math.Round((double)count / of, 4, MidpointRounding.AwayFromZero);
}
