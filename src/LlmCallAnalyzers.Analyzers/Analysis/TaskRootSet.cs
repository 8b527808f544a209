using System;
using System.Collections.Immutable;
using System.Linq;

namespace LlmCallAnalyzers.Analyzers.Analysis;

/// <summary>The task roots of a compilation as the generator's pipeline finds them, before binding, in a value that compares by content.</summary>
internal sealed class TaskRootSet : IEquatable<TaskRootSet>
{
    public TaskRootSet(ImmutableArray<TaskRoot> roots) => Roots = roots;

    /// <summary>Distinct, in the order found.</summary>
    public ImmutableArray<TaskRoot> Roots { get; }

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
