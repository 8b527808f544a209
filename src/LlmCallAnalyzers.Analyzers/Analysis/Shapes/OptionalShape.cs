namespace LlmCallAnalyzers.Analyzers.Analysis;

internal sealed class OptionalShape : Shape
{
    public OptionalShape(Shape body) => Body = body;

    public Shape Body { get; }
}
