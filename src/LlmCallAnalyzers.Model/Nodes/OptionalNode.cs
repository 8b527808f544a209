using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;

namespace LlmCallAnalyzers.Model;

/// <summary>A body whose failure does not fail the task.</summary>
public sealed class OptionalNode : CallTree
{
    internal OptionalNode(CallTree body) => Body = body;

    /// <summary>The non-essential body.</summary>
    public CallTree Body { get; }

    /// <inheritdoc />
    public override ImmutableArray<CallTree> ChildNodes => ImmutableArray.Create(Body);
}
