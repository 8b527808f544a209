using System.Collections.Immutable;

namespace LlmCallAnalyzers.Analyzers.Analysis;

internal sealed class SequenceShape : Shape
{
    public SequenceShape(ImmutableArray<Shape> children) => Children = children;

    public ImmutableArray<Shape> Children { get; }
}
