namespace LiveRoom.MediaBench;

/// <summary>What the first-segment probe found: seconds from the publisher's start, or null when it did not happen in time.</summary>
public sealed record FirstSegmentReport(double? MasterSeconds, double? SegmentListedSeconds, double? PlayableSeconds, string? Rendition);

/// <summary>
/// Time to first playable segment: from the publisher's start until the master playlist lists renditions and
/// the lowest rendition's playlist lists a segment that downloads (and starts like MPEG-TS), polling every 100 ms.
/// </summary>
public static class FirstSegmentProbe
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    public static async Task<(FirstSegmentReport Report, IReadOnlyList<HlsVariant> Variants)> RunAsync(
        LiveRoomApi api, string roomId, double startedAt, TimeSpan timeout, CancellationToken cancellationToken)
    {
        IReadOnlyList<HlsVariant> variants = [];
        double? master = null, listed = null;
        HlsVariant? lowest = null;
        var deadline = startedAt + timeout.TotalSeconds;
        while (Clock.Now < deadline)
        {
            try
            {
                if (lowest is null && await api.GetTextOrNullAsync($"live/{roomId}/master.m3u8", cancellationToken) is { } text)
                {
                    variants = HlsPlaylists.ParseMaster(text);
                    if (variants.Count > 0)
                    {
                        master = Clock.Now - startedAt;
                        lowest = variants.MinBy(v => v.Height ?? int.MaxValue);
                    }
                }

                if (lowest is not null && await api.GetTextOrNullAsync($"live/{roomId}/{lowest.Uri}", cancellationToken) is { } media)
                {
                    var playlist = HlsPlaylists.ParseMedia(media);
                    if (playlist.Segments.Count > 0)
                    {
                        listed ??= Clock.Now - startedAt;
                        var bytes = await api.GetBytesOrNullAsync($"live/{roomId}/{lowest.Name}/{playlist.Segments[0].Uri}", cancellationToken);
                        if (bytes is { Length: > 188 } && bytes[0] == 0x47)
                        {
                            return (new FirstSegmentReport(master, listed, Clock.Now - startedAt, lowest.Name), variants);
                        }
                    }
                }
            }
            catch (HttpRequestException)
            {
                // The server answers again on the next poll, or the deadline ends the probe.
            }
            catch (TimeoutException)
            {
            }

            await Task.Delay(PollInterval, cancellationToken);
        }

        return (new FirstSegmentReport(master, listed, null, lowest?.Name), variants);
    }
}
