using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;

namespace LlmCallAnalyzers.Model;

/// <summary>A retried or hedged body (extra attempts against the same provider).</summary>
public sealed class RetryNode : CallTree
{
    internal RetryNode(CallTree body, int extraAttempts, bool hedged, double hedgeDelayMs)
    {
        Body = body;
        ExtraAttempts = extraAttempts;
        Hedged = hedged;
        HedgeDelayMs = hedgeDelayMs;
    }

    /// <summary>The retried body.</summary>
    public CallTree Body { get; }

    /// <summary>Attempts beyond the first.</summary>
    public int ExtraAttempts { get; }

    /// <summary>True for hedging (concurrent attempts), false for sequential retries.</summary>
    public bool Hedged { get; }

    /// <summary>For hedging: the delay before each extra attempt starts.</summary>
    public double HedgeDelayMs { get; }

    /// <inheritdoc />
    public override ImmutableArray<CallTree> ChildNodes => ImmutableArray.Create(Body);
}
