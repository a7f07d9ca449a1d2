namespace LiveRoom.MediaBench;

/// <summary>
/// Follows one rendition's live playlist during a window: every segment that appears after the first poll
/// is noted with when it was seen and how much media it holds. From that: segments and media seconds made,
/// the speed (media seconds made per wall second; 1.00 is real time) and the lag of each segment behind the wall clock (seen − its program date-time − its duration).
/// A transcoder that keeps up makes media at speed 1 and its lag stays flat; one that does not falls behind.
/// </summary>
public sealed class SegmentTracker(string roomId, HlsVariant variant)
{
    private readonly HashSet<long> _seen = [];
    private readonly List<(double SeenAt, double MediaEnd, double? Lag)> _arrivals = [];
    private bool _primed;
    private double _media;

    public HlsVariant Variant { get; } = variant;

    public int Segments => _arrivals.Count;

    public double MediaSeconds => _media;

    /// <summary>
    /// Media seconds made per wall second: the least-squares slope of media made against when it was seen, so the
    /// polling interval's jitter on single arrivals averages out; null with fewer than three segments.
    /// </summary>
    public double? Speed
    {
        get
        {
            if (_arrivals.Count < 3) return null;
            var meanT = _arrivals.Average(a => a.SeenAt);
            var meanM = _arrivals.Average(a => a.MediaEnd);
            var covariance = _arrivals.Sum(a => (a.SeenAt - meanT) * (a.MediaEnd - meanM));
            var variance = _arrivals.Sum(a => (a.SeenAt - meanT) * (a.SeenAt - meanT));
            return variance <= 0 ? null : covariance / variance;
        }
    }

    public double? FirstLag => _arrivals.FirstOrDefault(a => a.Lag is not null).Lag;

    public double? LastLag => _arrivals.LastOrDefault(a => a.Lag is not null).Lag;

    public async Task PollAsync(LiveRoomApi api, CancellationToken cancellationToken)
    {
        string? text;
        try
        {
            text = await api.GetTextOrNullAsync($"live/{roomId}/{Variant.Uri}", cancellationToken);
        }
        catch (HttpRequestException)
        {
            return;
        }
        catch (TimeoutException)
        {
            return;
        }

        if (text is null) return;
        var seenAt = Clock.Now;
        var utcNow = DateTimeOffset.UtcNow;
        foreach (var segment in HlsPlaylists.ParseMedia(text).Segments)
        {
            if (!_seen.Add(segment.Sequence) || !_primed) continue;
            _media += segment.Duration;
            double? lag = segment.ProgramDateTime is { } start ? (utcNow - start).TotalSeconds - segment.Duration : null;
            _arrivals.Add((seenAt, _media, lag));
        }

        _primed = true;
    }
}
