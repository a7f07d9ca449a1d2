using System.ComponentModel.DataAnnotations;

namespace LiveRoom.Media.Flv;

/// <summary>The HTTP-FLV low-latency relay (section <c>LiveRoom:FlvRelay</c>).</summary>
public sealed class FlvRelayOptions : IValidatableObject
{
    public const string SectionName = "LiveRoom:FlvRelay";

    /// <summary>
    /// The most the GOP cache (every tag since the latest keyframe) may hold. A publisher whose keyframes
    /// are further apart than this has its cache dropped until the next keyframe: new viewers then wait
    /// for that keyframe instead of starting at once. 4 MiB holds an 8 s GOP at 4 Mbit/s.
    /// </summary>
    [Range(64 * 1024, 256 * 1024 * 1024)]
    public int MaxGopCacheBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>
    /// The most a viewer may have queued and not yet taken (the GOP cache it starts with counts): a viewer
    /// further behind is dropped, so a slow phone never holds back the publisher or anyone else. Must be
    /// above <see cref="MaxGopCacheBytes"/>; the 2 MiB margin of the default is ~8 s at 2 Mbit/s.
    /// </summary>
    [Range(128 * 1024, 512 * 1024 * 1024)]
    public int MaxSubscriberQueueBytes { get; set; } = 6 * 1024 * 1024;

    /// <summary>
    /// Writes an <see cref="FlvClockTag"/> before each keyframe, so the viewer page can tell when the frame on screen
    /// reached the server (product cards appear at that moment).
    /// </summary>
    public bool ClockTags { get; set; } = true;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MaxSubscriberQueueBytes <= MaxGopCacheBytes)
        {
            yield return new ValidationResult(
                $"{nameof(MaxSubscriberQueueBytes)} ({MaxSubscriberQueueBytes}) must be above {nameof(MaxGopCacheBytes)} ({MaxGopCacheBytes}): a new viewer starts with the whole GOP cache queued.",
                [nameof(MaxSubscriberQueueBytes)]);
        }
    }
}
