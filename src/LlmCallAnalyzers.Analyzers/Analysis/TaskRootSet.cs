using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LlmCallAnalyzers.Analyzers.Analysis;

/// <summary>The task roots of a compilation as the generator's pipeline finds them, before binding, in a value that compares by content.</summary>
internal sealed class TaskRootSet : IEquatable<TaskRootSet>
{
    public TaskRootSet(ImmutableArray<TaskRoot> roots) => Roots = roots;

    /// <summary>Distinct, in the order found.</summary>
    public ImmutableArray<TaskRoot> Roots { get; }

    public static TaskRootSet Merge(ImmutableArray<TaskRoot> taskSlo, ImmutableArray<TaskRoot> agentStep)
    {
        var seen = new HashSet<TaskRoot>();
        var roots = ImmutableArray.CreateBuilder<TaskRoot>();
        foreach (var root in taskSlo.Concat(agentStep))
        {
            if (seen.Add(root))
            {
                roots.Add(root);
            }
        }

        return new TaskRootSet(roots.ToImmutable());
    }

    public bool Equals(TaskRootSet? other) => other is not null && Roots.SequenceEqual(other.Roots);

    public override bool Equals(object? obj) => Equals(obj as TaskRootSet);

    public override int GetHashCode()
    {
        int hash = Roots.Length;
        foreach (var root in Roots)
        {
            hash = unchecked((hash * 31) + root.GetHashCode());
        }

        return hash;
    }
}
