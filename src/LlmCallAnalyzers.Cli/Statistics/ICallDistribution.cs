namespace LlmCallAnalyzers.Cli.Statistics;

/// <summary>
/// Calls per task invocation, as <c>llmslo confirm</c> compares them with the estimate: exact counts from trace spans
/// (<see cref="CountHistogram"/>) or histogram buckets from metrics (<see cref="BucketedCallCounts"/>).
/// </summary>
public interface ICallDistribution
{
    /// <summary>Invocations observed.</summary>
    long Total { get; }

    /// <summary>True when every figure is an exact count (false for histogram buckets).</summary>
    bool IsExact { get; }

    /// <summary>The fewest calls of an invocation.</summary>
    CallCount Smallest { get; }

    /// <summary>The most calls of an invocation.</summary>
    CallCount Largest { get; }

    /// <summary>The <paramref name="q"/>-quantile (0..1), nearest rank.</summary>
    CallCount QuantileRange(double q);

    /// <summary>Invocations that certainly made more than <paramref name="limit"/> calls.</summary>
    long CountAbove(long limit);

    /// <summary>Invocations that may have made more than <paramref name="limit"/> calls (equal to <see cref="CountAbove"/> when exact).</summary>
    long CountPossiblyAbove(long limit);
}
