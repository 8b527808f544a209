using System;

namespace LlmCallAnalyzers.Model.ColdStarts;

/// <summary>
/// How sure <see cref="ColdStartDetector"/> must be before it claims cold starts, and the inputs of its keep-warm
/// estimate. Every argument is validated.
/// </summary>
public sealed class ColdStartDetectorOptions
{
    /// <summary>Default fewest calls after the idle threshold (the cold side).</summary>
    public const int DefaultMinColdSamples = 5;

    /// <summary>Default fewest calls before the idle threshold (the warm side).</summary>
    public const int DefaultMinWarmSamples = 10;

    /// <summary>Default smallest ratio cold p50 / warm p50 that counts as a jump.</summary>
    public const double DefaultMinLatencyRatio = 2.0;

    /// <summary>
    /// Default chance of claiming cold starts where latency does not depend on the idle gap at all (the family-wise
    /// significance level of the rank test over every candidate split).
    /// </summary>
    public const double DefaultSignificance = 0.0001;

    /// <summary>Default share of the idle threshold after which keep-warm traffic is sent.</summary>
    public const double DefaultSafetyFactor = 0.8;

    /// <summary>Default tokens billed for one keep-warm request (a one-word prompt with its chat template, one output token).</summary>
    public const double DefaultTokensPerKeepWarmRequest = 10;

    /// <summary>The defaults.</summary>
    public static ColdStartDetectorOptions Default { get; } = new ColdStartDetectorOptions();

    /// <summary>Creates options.</summary>
    /// <param name="minColdSamples">Fewest calls on the cold side (after the idle threshold) of a split; at least 2.</param>
    /// <param name="minWarmSamples">Fewest calls on the warm side of a split; at least 2.</param>
    /// <param name="minLatencyRatio">Smallest cold p50 / warm p50 that counts as a jump; greater than 1.</param>
    /// <param name="significance">
    /// Family-wise significance level of the one-sided Mann–Whitney test "calls after the split are slower", Bonferroni
    /// corrected over the candidate splits; in (0, 0.5).
    /// </param>
    /// <param name="safetyFactor">Keep-warm traffic is due after <c>threshold × safetyFactor</c> of idling; in (0, 1].</param>
    /// <param name="tokensPerKeepWarmRequest">Tokens billed for one keep-warm request; 0 or more.</param>
    public ColdStartDetectorOptions(
        int minColdSamples = DefaultMinColdSamples,
        int minWarmSamples = DefaultMinWarmSamples,
        double minLatencyRatio = DefaultMinLatencyRatio,
        double significance = DefaultSignificance,
        double safetyFactor = DefaultSafetyFactor,
        double tokensPerKeepWarmRequest = DefaultTokensPerKeepWarmRequest)
    {
        if (minColdSamples < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(minColdSamples), minColdSamples, "At least 2 samples are needed on the cold side.");
        }

        if (minWarmSamples < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(minWarmSamples), minWarmSamples, "At least 2 samples are needed on the warm side.");
        }

        if (!(minLatencyRatio > 1) || double.IsInfinity(minLatencyRatio))
        {
            throw new ArgumentOutOfRangeException(nameof(minLatencyRatio), minLatencyRatio, "The ratio must be a finite number greater than 1.");
        }

        if (!(significance > 0 && significance < 0.5))
        {
            throw new ArgumentOutOfRangeException(nameof(significance), significance, "The significance level must be in (0, 0.5).");
        }

        if (!(safetyFactor > 0 && safetyFactor <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(safetyFactor), safetyFactor, "The safety factor must be in (0, 1].");
        }

        if (!(tokensPerKeepWarmRequest >= 0) || double.IsInfinity(tokensPerKeepWarmRequest))
        {
            throw new ArgumentOutOfRangeException(nameof(tokensPerKeepWarmRequest), tokensPerKeepWarmRequest, "Tokens per request must be a finite number of 0 or more.");
        }

        MinColdSamples = minColdSamples;
        MinWarmSamples = minWarmSamples;
        MinLatencyRatio = minLatencyRatio;
        Significance = significance;
        SafetyFactor = safetyFactor;
        TokensPerKeepWarmRequest = tokensPerKeepWarmRequest;
    }

    /// <summary>Fewest calls on the cold side of a split.</summary>
    public int MinColdSamples { get; }

    /// <summary>Fewest calls on the warm side of a split.</summary>
    public int MinWarmSamples { get; }

    /// <summary>Smallest cold p50 / warm p50 that counts as a jump.</summary>
    public double MinLatencyRatio { get; }

    /// <summary>
    /// Family-wise significance level of the rank test: the chance of claiming cold starts where latency does not
    /// depend on the idle gap is at most this.
    /// </summary>
    public double Significance { get; }

    /// <summary>Keep-warm traffic is due after <c>threshold × SafetyFactor</c> of idling.</summary>
    public double SafetyFactor { get; }

    /// <summary>Tokens billed for one keep-warm request.</summary>
    public double TokensPerKeepWarmRequest { get; }
}
