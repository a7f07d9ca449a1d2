using LiveRoom.Contracts.Engagement;

namespace LiveRoom.FunnelBench;

/// <summary>
/// A generated audience of one room's stream: each viewer arrives at some minute (more of them early), watches a
/// few minutes (one watch event a minute and the remainder when they leave, as the server counts it), and some
/// chat, ask, vote, click cards, scan the QR code and ask for calls. Deterministic for a seed.
/// </summary>
internal static class Audience
{
    public static List<EngagementEvent> Generate(string roomId, int viewers, DateTimeOffset start, int minutes, int seed)
    {
        var random = new Random(seed);
        var events = new List<EngagementEvent>(viewers * 10);
        for (var i = 0; i < viewers; i++)
        {
            var viewer = $"vw_{roomId}_{i:D6}";
            // Arrivals lean to the start: the square of a uniform draw.
            var draw = random.NextDouble();
            var arrival = start.AddSeconds(Math.Floor(draw * draw * (minutes - 10) * 60) + random.Next(0, 60));
            var stay = random.Next(0, 14);
            events.Add(new EngagementEvent(roomId, viewer, EngagementKind.Join, null, 1, arrival));
            for (var m = 1; m <= stay; m++) events.Add(new EngagementEvent(roomId, viewer, EngagementKind.Watch, null, 60, arrival.AddMinutes(m)));
            var leftAt = arrival.AddMinutes(stay).AddSeconds(random.Next(1, 60));
            events.Add(new EngagementEvent(roomId, viewer, EngagementKind.Watch, null, (int)(leftAt - arrival.AddMinutes(stay)).TotalSeconds, leftAt));
            var during = (leftAt - arrival).TotalSeconds;
            DateTimeOffset Moment() => arrival.AddSeconds(random.NextDouble() * during);

            if (random.NextDouble() < 0.25)
            {
                for (var c = 0; c < 4; c++) events.Add(new EngagementEvent(roomId, viewer, EngagementKind.Chat, null, 1, Moment()));
            }

            if (random.NextDouble() < 0.1) events.Add(new EngagementEvent(roomId, viewer, EngagementKind.Question, "q", 1, Moment()));
            if (random.NextDouble() < 0.3) events.Add(new EngagementEvent(roomId, viewer, EngagementKind.Upvote, "q", 1, Moment()));
            if (random.NextDouble() < 0.08) events.Add(new EngagementEvent(roomId, viewer, EngagementKind.CardClick, "card", 1, Moment()));
            if (random.NextDouble() < 0.02) events.Add(new EngagementEvent(roomId, viewer, EngagementKind.ChannelVisit, random.NextDouble() < 0.5 ? "qr" : "link", 1, Moment()));
            if (random.NextDouble() < 0.01)
            {
                var asked = Moment();
                events.Add(new EngagementEvent(roomId, viewer, EngagementKind.CallRequested, "tk", 1, asked));
                if (random.NextDouble() < 0.6) events.Add(new EngagementEvent(roomId, viewer, EngagementKind.CallAccepted, "call", 1, asked.AddSeconds(30)));
                if (random.NextDouble() < 0.5) events.Add(new EngagementEvent(roomId, viewer, EngagementKind.CallCompleted, "call", 1, asked.AddMinutes(4)));
            }
        }

        // Written in the order the server would write them: by time.
        events.Sort((a, b) => a.At.CompareTo(b.At));
        return events;
    }
}
