using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;

namespace LlmCallAnalyzers.Model;

/// <summary>A body whose computed range is replaced by a declared bound (<c>[FanOut]</c>).</summary>
public sealed class DeclaredNode : CallTree
{
    internal DeclaredNode(CallTree body, int maxCalls)
    {
        Body = body;
        MaxCalls = maxCalls;
    }

    /// <summary>The body as computed (kept for its providers and display).</summary>
    public CallTree Body { get; }

    /// <summary>The declared most calls.</summary>
    public int MaxCalls { get; }

    /// <inheritdoc />
    public override ImmutableArray<CallTree> ChildNodes => ImmutableArray.Create(Body);
}
