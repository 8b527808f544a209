using System.Collections.Immutable;

namespace LlmCallAnalyzers.Analyzers.Analysis;

internal sealed class BranchShape : Shape
{
    public BranchShape(ImmutableArray<Shape> arms) => Arms = arms;

    public ImmutableArray<Shape> Arms { get; }
}
