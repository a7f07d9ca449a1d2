using System.ComponentModel.DataAnnotations;

namespace LiveRoom.Contracts.Funnel;

/// <summary>
/// How much each thing a viewer did adds to their engagement score (the lead list is sorted by it). The score
/// is worked out when it is read, so a changed weight applies to every viewer at once.
/// </summary>
public sealed class EngagementWeights
{
    public const string SectionName = "LiveRoom:Engagement:Weights";

    /// <summary>Points per whole minute watched.</summary>
    [Range(0, 1_000)]
    public double WatchMinute { get; set; } = 1;

    /// <summary>Minutes of watching that count at most: a tab left open all day is not a keen viewer.</summary>
    [Range(0, 100_000)]
    public int MaxWatchMinutes { get; set; } = 60;

    [Range(0, 1_000)]
    public double Chat { get; set; } = 2;

    [Range(0, 1_000)]
    public double Question { get; set; } = 5;

    [Range(0, 1_000)]
    public double Upvote { get; set; } = 1;

    [Range(0, 1_000)]
    public double CardClick { get; set; } = 5;

    /// <summary>A visit to the room's private channel (QR code scanned or link opened).</summary>
    [Range(0, 1_000)]
    public double ChannelVisit { get; set; } = 10;

    [Range(0, 1_000)]
    public double CallRequested { get; set; } = 15;

    [Range(0, 1_000)]
    public double CallCompleted { get; set; } = 30;

    /// <summary>The viewer's score, rounded to one decimal.</summary>
    public double ScoreOf(ViewerEngagement engagement)
    {
        ArgumentNullException.ThrowIfNull(engagement);
        var minutes = Math.Min(engagement.WatchSeconds / 60, MaxWatchMinutes);
        var score = minutes * WatchMinute
            + engagement.Chats * Chat
            + engagement.Questions * Question
            + engagement.Upvotes * Upvote
            + engagement.CardClicks * CardClick
            + engagement.ChannelVisits * ChannelVisit
            + engagement.CallRequests * CallRequested
            + engagement.CallsCompleted * CallCompleted;
        return Math.Round(score, 1, MidpointRounding.AwayFromZero);
    }
}
