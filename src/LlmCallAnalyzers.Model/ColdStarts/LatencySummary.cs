using System;
using System.Collections.Generic;

namespace LlmCallAnalyzers.Model.ColdStarts;

/// <summary>The latency of a group of calls: count, p50 and p99 (linear interpolation between the closest ranks).</summary>
public sealed class LatencySummary
{
    internal LatencySummary(int count, double p50Ms, double p99Ms, double minMs, double maxMs)
    {
        Count = count;
        P50Ms = p50Ms;
        P99Ms = p99Ms;
        MinMs = minMs;
        MaxMs = maxMs;
    }

    /// <summary>The number of calls.</summary>
    public int Count { get; }

    /// <summary>The median latency in milliseconds.</summary>
    public double P50Ms { get; }

    /// <summary>The 99th-percentile latency in milliseconds (with fewer than 100 calls, close to the maximum).</summary>
    public double P99Ms { get; }

    /// <summary>The fastest call in milliseconds.</summary>
    public double MinMs { get; }

    /// <summary>The slowest call in milliseconds.</summary>
    public double MaxMs { get; }

    /// <inheritdoc/>
    public override string ToString() =>
        FormattableString.Invariant($"{Count} calls, p50 {ColdStartDetector.FormatDuration(P50Ms)}, p99 {ColdStartDetector.FormatDuration(P99Ms)}");

    /// <summary>Summarizes latencies that are already sorted ascending.</summary>
    internal static LatencySummary FromSorted(IReadOnlyList<double> sorted)
    {
        if (sorted.Count == 0)
        {
            throw new ArgumentException("No latencies.", nameof(sorted));
        }

        return new LatencySummary(sorted.Count, Percentile(sorted, 0.5), Percentile(sorted, 0.99), sorted[0], sorted[sorted.Count - 1]);
    }

    /// <summary>The <paramref name="p"/>-quantile of ascending <paramref name="sorted"/>, interpolating linearly between closest ranks.</summary>
    internal static double Percentile(IReadOnlyList<double> sorted, double p)
    {
        double h = (sorted.Count - 1) * p;
        int lo = (int)Math.Floor(h);
        int hi = Math.Min(lo + 1, sorted.Count - 1);
        return sorted[lo] + ((h - lo) * (sorted[hi] - sorted[lo]));
    }
}
