using System.Collections.Immutable;

namespace LlmCallAnalyzers.Analyzers.Analysis;

internal sealed class ParallelShape : Shape
{
    public ParallelShape(ImmutableArray<Shape> children) => Children = children;

    public ImmutableArray<Shape> Children { get; }
}
