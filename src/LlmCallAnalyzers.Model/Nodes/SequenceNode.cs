using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;

namespace LlmCallAnalyzers.Model;

/// <summary>Children in sequence.</summary>
public sealed class SequenceNode : CallTree
{
    internal SequenceNode(ImmutableArray<CallTree> children) => Children = children;

    /// <summary>The children, in order.</summary>
    public ImmutableArray<CallTree> Children { get; }

    /// <inheritdoc />
    public override ImmutableArray<CallTree> ChildNodes => Children;
}
