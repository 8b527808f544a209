using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;

namespace LlmCallAnalyzers.Model;

/// <summary>A primary with a fallback that runs when the primary fails.</summary>
public sealed class FallbackNode : CallTree
{
    internal FallbackNode(CallTree primary, CallTree secondary)
    {
        Primary = primary;
        Secondary = secondary;
    }

    /// <summary>The primary.</summary>
    public CallTree Primary { get; }

    /// <summary>The fallback.</summary>
    public CallTree Secondary { get; }

    /// <inheritdoc />
    public override ImmutableArray<CallTree> ChildNodes => ImmutableArray.Create(Primary, Secondary);
}
