using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LlmCallAnalyzers.Analyzers.Analysis;

/// <summary>The lines of one root: one, or none when the root is not a task; more only when several files share a path.</summary>
internal sealed class TaskEstimateLines : IEquatable<TaskEstimateLines>
{
    public static readonly TaskEstimateLines None = new(ImmutableArray<TaskEstimateLine>.Empty);

    public TaskEstimateLines(ImmutableArray<TaskEstimateLine> lines) => Lines = lines;

    public ImmutableArray<TaskEstimateLine> Lines { get; }

    public bool Equals(TaskEstimateLines? other) => other is not null && Lines.SequenceEqual(other.Lines);

    public override bool Equals(object? obj) => Equals(obj as TaskEstimateLines);

    public override int GetHashCode() => Lines.Length == 0 ? 0 : Lines[0].GetHashCode();

    public override string ToString() => string.Join("\n", Lines.Select(l => l.Line));
}
