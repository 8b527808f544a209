namespace LlmCallAnalyzers.Model.ColdStarts;

/// <summary>
/// The cold-start analysis of one model: the idle threshold above which its latency jumps, cold and warm latency,
/// how many calls were cold, and what keeping it warm would cost. All durations are in milliseconds.
/// </summary>
public sealed class ColdStartAnalysis
{
    internal ColdStartAnalysis(
        ColdStartVerdict verdict,
        string summary,
        int analyzedCalls,
        int unknownGapCalls,
        int syntheticCalls,
        double? longestGapMs,
        double? idleThresholdMs,
        double? warmGapMaxMs,
        double? coldGapMinMs,
        LatencySummary? warm,
        LatencySummary? cold,
        double? rankZ,
        double? criticalZ,
        KeepWarmEstimate? keepWarm)
    {
        Verdict = verdict;
        Summary = summary;
        AnalyzedCalls = analyzedCalls;
        UnknownGapCalls = unknownGapCalls;
        SyntheticCalls = syntheticCalls;
        LongestGapMs = longestGapMs;
        IdleThresholdMs = idleThresholdMs;
        WarmGapMaxMs = warmGapMaxMs;
        ColdGapMinMs = coldGapMinMs;
        Warm = warm;
        Cold = cold;
        RankZ = rankZ;
        CriticalZ = criticalZ;
        KeepWarm = keepWarm;
    }

    /// <summary>The conclusion.</summary>
    public ColdStartVerdict Verdict { get; }

    /// <summary>True when <see cref="Verdict"/> is <see cref="ColdStartVerdict.ColdStarts"/>.</summary>
    public bool HasColdStarts => Verdict == ColdStartVerdict.ColdStarts;

    /// <summary>One line with the figures behind the verdict, e.g. "cold starts after 17.5 min idle: …".</summary>
    public string Summary { get; }

    /// <summary>Calls analyzed: not synthetic, with a known idle gap and a usable latency.</summary>
    public int AnalyzedCalls { get; }

    /// <summary>Calls left out because their idle gap is unknown (the first call seen of the model).</summary>
    public int UnknownGapCalls { get; }

    /// <summary>Keep-warm calls seen (they end idle gaps but are not analyzed).</summary>
    public int SyntheticCalls { get; }

    /// <summary>The longest idle gap among the analyzed calls; null when there are none.</summary>
    public double? LongestGapMs { get; }

    /// <summary>
    /// The idle threshold: the midpoint between <see cref="WarmGapMaxMs"/> and <see cref="ColdGapMinMs"/> (no call was
    /// seen between the two, so the true threshold lies somewhere in that range); null unless cold starts were found.
    /// </summary>
    public double? IdleThresholdMs { get; }

    /// <summary>The longest idle gap after which calls were still warm (lower bound of the threshold).</summary>
    public double? WarmGapMaxMs { get; }

    /// <summary>The shortest idle gap after which calls were cold (upper bound of the threshold).</summary>
    public double? ColdGapMinMs { get; }

    /// <summary>
    /// Latency of the calls under the threshold; when no cold starts were found, of every analyzed call (null when
    /// none).
    /// </summary>
    public LatencySummary? Warm { get; }

    /// <summary>Latency of the calls after idling longer than the threshold; null unless cold starts were found.</summary>
    public LatencySummary? Cold { get; }

    /// <summary>Calls after idling longer than the threshold (0 unless cold starts were found).</summary>
    public int ColdCalls => Cold?.Count ?? 0;

    /// <summary>Cold p50 / warm p50; null unless cold starts were found.</summary>
    public double? LatencyRatio => Cold is not null && Warm is not null && Warm.P50Ms > 0 ? Cold.P50Ms / Warm.P50Ms : null;

    /// <summary>What a cold start adds at the median: cold p50 − warm p50; null unless cold starts were found.</summary>
    public double? ColdStartPenaltyP50Ms => Cold is not null && Warm is not null ? Cold.P50Ms - Warm.P50Ms : null;

    /// <summary>
    /// The one-sided Mann–Whitney z of "calls after the split are slower" at the split where it is largest; null when
    /// no split was possible.
    /// </summary>
    public double? RankZ { get; }

    /// <summary>
    /// The z that <see cref="RankZ"/> had to reach: the normal quantile of <see cref="ColdStartDetectorOptions.Significance"/>
    /// divided by the number of candidate splits (Bonferroni); null when no split was possible.
    /// </summary>
    public double? CriticalZ { get; }

    /// <summary>What keeping the model under the threshold would cost; null unless cold starts were found.</summary>
    public KeepWarmEstimate? KeepWarm { get; }

    /// <summary>True when cold starts were found and a call after <paramref name="idleGapMs"/> of idling is past the threshold.</summary>
    /// <param name="idleGapMs">The idle gap before the call, in milliseconds.</param>
    /// <returns>Whether the call counts as cold.</returns>
    public bool IsColdGap(double idleGapMs) => IdleThresholdMs is double threshold && idleGapMs > threshold;

    /// <inheritdoc/>
    public override string ToString() => Summary;
}
