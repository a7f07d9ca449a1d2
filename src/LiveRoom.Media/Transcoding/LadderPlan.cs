namespace LiveRoom.Media.Transcoding;

/// <summary>The renditions for a source: the source itself, then every configured rung below it (never upscaled).</summary>
public sealed record LadderPlan(IReadOnlyList<Rendition> Renditions)
{
    /// <summary>The plan for a source of <paramref name="sourceHeight"/> lines; 0 when unknown (the source alone).</summary>
    public static LadderPlan For(int sourceHeight, TranscodeOptions options)
    {
        if (sourceHeight <= 0) return new LadderPlan([new Rendition("source", 0, null)]);
        var renditions = new List<Rendition> { new($"{sourceHeight}p", sourceHeight, null) };
        foreach (var rung in options.Rungs.Where(r => r.Height < sourceHeight).OrderByDescending(r => r.Height).DistinctBy(r => r.Height))
        {
            renditions.Add(new Rendition($"{rung.Height}p", rung.Height, rung.VideoKbps));
        }

        return new LadderPlan(renditions);
    }
}
