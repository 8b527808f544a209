using System;
using System.Collections.Generic;
using System.Linq;
using LlmCallAnalyzers.Model.Contracts;

namespace LlmCallAnalyzers.Cli.Statistics;

/// <summary>
/// Calls per invocation from a Prometheus histogram: cumulative counts per upper bound (<c>le</c>), the <c>+Inf</c>
/// bucket included. A value is known only to its bucket: the observations in (12, 16] made 13 to 16 calls, so the
/// largest is "≤ 16", and an estimate of 13 can only be said to be exceeded by what lies above 16.
/// </summary>
/// <remarks>Counts from <c>increase()</c> are not whole numbers (Prometheus extrapolates to the window's edges); they
/// are rounded, and a bucket whose rounded count falls below the one before it is taken as equal to it.</remarks>
public sealed class BucketedCallCounts : ICallDistribution
{
    private readonly List<(double UpperBound, long Cumulative)> _buckets;

    /// <summary>Creates the distribution from (upper bound, cumulative count) pairs in any order.</summary>
    public BucketedCallCounts(IEnumerable<KeyValuePair<double, double>> cumulative)
    {
        if (cumulative is null) throw new ArgumentNullException(nameof(cumulative));
        _buckets = new List<(double, long)>();
        long previous = 0;
        foreach (var pair in cumulative.OrderBy(p => p.Key))
        {
            long count = Math.Max(previous, (long)Math.Round(pair.Value, MidpointRounding.AwayFromZero));
            _buckets.Add((pair.Key, count));
            previous = count;
        }

        Total = previous;
    }

    /// <summary>The upper bounds and cumulative counts, ascending.</summary>
    public IReadOnlyList<(double UpperBound, long Cumulative)> Buckets => _buckets;

    /// <inheritdoc/>
    public long Total { get; }

    /// <inheritdoc/>
    public bool IsExact => false;

    /// <inheritdoc/>
    public CallCount Smallest => QuantileRange(0);

    /// <inheritdoc/>
    public CallCount Largest => QuantileRange(1);

    /// <inheritdoc/>
    public CallCount QuantileRange(double q)
    {
        if (Total == 0) return CallCount.Exactly(0);
        long rank = Math.Max(1, (long)Math.Ceiling(q * Total));
        for (int i = 0; i < _buckets.Count; i++)
        {
            if (_buckets[i].Cumulative >= rank)
            {
                return Range(i);
            }
        }

        return Range(_buckets.Count - 1);
    }

    /// <inheritdoc/>
    public long CountAbove(long limit)
    {
        // Certainly above: the buckets whose lower bound is at least the limit, i.e. above the first bound ≥ limit.
        long below = 0;
        foreach (var (upper, cumulative) in _buckets)
        {
            if (upper >= limit)
            {
                below = cumulative;
                break;
            }
        }

        return Total - below;
    }

    /// <inheritdoc/>
    public long CountPossiblyAbove(long limit)
    {
        // Possibly above: everything above the last bound ≤ limit.
        long below = 0;
        foreach (var (upper, cumulative) in _buckets)
        {
            if (upper > limit) break;
            below = cumulative;
        }

        return Total - below;
    }

    private CallCount Range(int index)
    {
        var (low, high) = HistogramBuckets.CallsIn(index == 0 ? null : _buckets[index - 1].UpperBound, _buckets[index].UpperBound);
        return new CallCount(low, high);
    }
}
