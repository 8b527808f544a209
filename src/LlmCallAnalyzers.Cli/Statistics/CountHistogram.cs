using System;
using System.Collections.Generic;
using System.Linq;

namespace LlmCallAnalyzers.Cli.Statistics;

/// <summary>
/// Exact counts of small integers (calls per task): memory grows with the number of distinct values, not with the
/// number of observations, so a task seen a billion times costs a few entries. Quantiles use the nearest rank, as
/// <see cref="LlmCallAnalyzers.Model.SimulationResult.CallQuantile"/> does.
/// </summary>
public sealed class CountHistogram : ICallDistribution
{
    private readonly SortedDictionary<long, long> _counts = new();

    /// <summary>Observations recorded.</summary>
    public long Total { get; private set; }

    /// <summary>The distinct values and how often each was seen, ascending.</summary>
    public IEnumerable<KeyValuePair<long, long>> Buckets => _counts;

    /// <summary>The smallest value (0 when empty).</summary>
    public long Min => _counts.Count == 0 ? 0 : _counts.First().Key;

    /// <summary>The largest value (0 when empty).</summary>
    public long Max => _counts.Count == 0 ? 0 : _counts.Last().Key;

    /// <summary>The mean (0 when empty).</summary>
    public double Mean => Total == 0 ? 0 : _counts.Sum(p => (double)p.Key * p.Value) / Total;

    /// <summary>Records <paramref name="value"/> <paramref name="times"/> times.</summary>
    public void Add(long value, long times = 1)
    {
        if (times <= 0) return;
        _counts.TryGetValue(value, out long existing);
        _counts[value] = existing + times;
        Total += times;
    }

    /// <summary>How many observations exceed <paramref name="limit"/>.</summary>
    public long CountAbove(long limit) => _counts.Where(p => p.Key > limit).Sum(p => p.Value);

    /// <inheritdoc/>
    bool ICallDistribution.IsExact => true;

    /// <inheritdoc/>
    CallCount ICallDistribution.Smallest => CallCount.Exactly(Min);

    /// <inheritdoc/>
    CallCount ICallDistribution.Largest => CallCount.Exactly(Max);

    /// <inheritdoc/>
    CallCount ICallDistribution.QuantileRange(double q) => CallCount.Exactly(Quantile(q));

    /// <inheritdoc/>
    long ICallDistribution.CountPossiblyAbove(long limit) => CountAbove(limit);

    /// <summary>The <paramref name="q"/>-quantile (0..1), nearest rank; 0 when empty.</summary>
    public long Quantile(double q)
    {
        if (Total == 0) return 0;
        long rank = Math.Max(1, (long)Math.Ceiling(q * Total));
        long seen = 0;
        foreach (var pair in _counts)
        {
            seen += pair.Value;
            if (seen >= rank)
            {
                return pair.Key;
            }
        }

        return Max;
    }
}
