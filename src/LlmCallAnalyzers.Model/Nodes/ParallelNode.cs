using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;

namespace LlmCallAnalyzers.Model;

/// <summary>Children in parallel (all must succeed).</summary>
public sealed class ParallelNode : CallTree
{
    internal ParallelNode(ImmutableArray<CallTree> children) => Children = children;

    /// <summary>The concurrent children.</summary>
    public ImmutableArray<CallTree> Children { get; }

    /// <inheritdoc />
    public override ImmutableArray<CallTree> ChildNodes => Children;
}
