namespace LiveRoom.Contracts.Engagement;

/// <summary>What a viewer did in a room that counts towards their engagement and the room's funnel.</summary>
[GenerateSerializer, Alias("LiveRoom.EngagementKind")]
public enum EngagementKind
{
    /// <summary>Joined the room (a visit): the first makes them a unique viewer.</summary>
    Join = 0,

    /// <summary>Seconds of watching (a live connection in the room), in <c>Amount</c>.</summary>
    Watch = 1,

    Chat = 2,
    Question = 3,
    Upvote = 4,

    /// <summary>Opened a product card's link; <c>Subject</c> is the card.</summary>
    CardClick = 5,

    /// <summary>Went to the room's private channel; <c>Subject</c> says how (<c>qr</c> or <c>link</c>).</summary>
    ChannelVisit = 6,

    CallRequested = 7,
    CallAccepted = 8,
    CallCompleted = 9,
}
