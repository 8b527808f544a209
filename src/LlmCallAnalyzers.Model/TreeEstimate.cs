using System.Collections.Immutable;

namespace LlmCallAnalyzers.Model;

/// <summary>The figures of one evaluated call tree (or subtree).</summary>
public sealed class TreeEstimate
{
    internal TreeEstimate(
        long minCalls,
        long? maxCalls,
        long? essentialCalls,
        double? callAvailability,
        ImmutableHashSet<string> outageGroups,
        double? latencyP99Ms,
        ImmutableHashSet<string> coldStartModels,
        long retriedCalls,
        int maxExtraAttempts,
        ImmutableHashSet<string> providers,
        double? transientFailure,
        ImmutableHashSet<string> conditionalProviders)
    {
        MinCalls = minCalls;
        MaxCalls = maxCalls;
        EssentialCalls = essentialCalls;
        CallAvailability = callAvailability;
        OutageGroups = outageGroups;
        LatencyP99MsWithoutColdStarts = latencyP99Ms;
        ColdStartModels = coldStartModels;
        RetriedCalls = retriedCalls;
        MaxExtraAttempts = maxExtraAttempts;
        Providers = providers;
        TransientFailure = transientFailure;
        ConditionalProviders = conditionalProviders;
    }

    /// <summary>The fewest model requests one run makes (attempts included).</summary>
    public long MinCalls { get; }

    /// <summary>The most model requests one run makes (attempts included); null when unbounded.</summary>
    public long? MaxCalls { get; }

    /// <summary>True when the code shows no bound on the number of calls.</summary>
    public bool IsUnbounded => MaxCalls is null;

    /// <summary>The most logical calls whose failure fails the task (a retried call counts once); null when unbounded.</summary>
    public long? EssentialCalls { get; }

    /// <summary>Worst-case product of per-call success probabilities, outages excluded; null when unbounded.</summary>
    public double? CallAvailability { get; }

    /// <summary>
    /// The probability T that the subtree fails transiently: it failed, but a fresh re-run of the whole subtree against
    /// the same providers could succeed (no essential part failed for a correlated reason — outage, content filter,
    /// context overflow — and, for a fallback, not both alternatives did). For one call T = r·(1 − a); the rest of
    /// 1 − <see cref="CallAvailability"/> is correlated and no retry recovers it. A retry keeps S + T and moves T into
    /// S, so a retry of a retry recovers less than the first retry did. Null when unbounded.
    /// </summary>
    internal double? TransientFailure { get; }

    /// <summary>
    /// Providers whose outage can change the outcome without failing the task by itself (the providers of fallbacks):
    /// <see cref="CallTreeEvaluator.EvaluateTask"/> conditions on their outages instead of multiplying.
    /// </summary>
    internal ImmutableHashSet<string> ConditionalProviders { get; }

    /// <summary>
    /// Groups of providers whose joint outage fails the task (a provider alone, or the providers of a primary and its
    /// fallback joined by <c>|</c>); each group is counted once per task.
    /// </summary>
    public ImmutableHashSet<string> OutageGroups { get; }

    /// <summary>Every provider called.</summary>
    public ImmutableHashSet<string> Providers { get; }

    /// <summary>Worst-case p99 latency estimate excluding cold starts; null when unbounded.</summary>
    public double? LatencyP99MsWithoutColdStarts { get; }

    /// <summary>The fine-tuned models on the path; each adds its cold start once per task.</summary>
    public ImmutableHashSet<string> ColdStartModels { get; }

    /// <summary>How many logical essential calls are protected by a retry or hedge (for messages); saturated like the counts.</summary>
    public long RetriedCalls { get; }

    /// <summary>The most extra attempts of any retry or hedge on the path (for messages).</summary>
    public int MaxExtraAttempts { get; }
}
