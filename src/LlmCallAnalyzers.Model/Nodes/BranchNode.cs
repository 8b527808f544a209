using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;

namespace LlmCallAnalyzers.Model;

/// <summary>Alternative arms; exactly one runs.</summary>
public sealed class BranchNode : CallTree
{
    internal BranchNode(ImmutableArray<CallTree> arms, string? dispatchedMember = null, ImmutableArray<string> armNames = default)
    {
        Arms = arms;
        DispatchedMember = dispatchedMember;
        ArmNames = armNames.IsDefault ? ImmutableArray<string>.Empty : armNames;
    }

    /// <summary>The arms.</summary>
    public ImmutableArray<CallTree> Arms { get; }

    /// <summary>For a virtual call, the member called (e.g. <c>IPlanStep.ExecuteAsync</c>); null for if / switch.</summary>
    public string? DispatchedMember { get; }

    /// <summary>For a virtual call, the implementing type of each arm, in the order of <see cref="Arms"/>; else empty.</summary>
    public ImmutableArray<string> ArmNames { get; }

    /// <inheritdoc />
    public override ImmutableArray<CallTree> ChildNodes => Arms;
}
