using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;

namespace LlmCallAnalyzers.Model;

/// <summary>A loop: the body repeated a bounded or unbounded number of times.</summary>
public sealed class LoopNode : CallTree
{
    internal LoopNode(CallTree body, int minIterations, int? maxIterations, bool concurrent, string? unboundedReason = null)
    {
        Body = body;
        MinIterations = minIterations;
        MaxIterations = maxIterations;
        Concurrent = concurrent;
        UnboundedReason = unboundedReason;
    }

    /// <summary>The repeated body.</summary>
    public CallTree Body { get; }

    /// <summary>The fewest iterations.</summary>
    public int MinIterations { get; }

    /// <summary>The most iterations; null when unbounded.</summary>
    public int? MaxIterations { get; }

    /// <summary>True when iterations run concurrently.</summary>
    public bool Concurrent { get; }

    /// <summary>Why the loop is unbounded, when it is.</summary>
    public string? UnboundedReason { get; }

    /// <inheritdoc />
    public override ImmutableArray<CallTree> ChildNodes => ImmutableArray.Create(Body);
}
