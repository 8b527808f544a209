namespace LlmCallAnalyzers.Analyzers.Analysis;

internal sealed class FallbackShape : Shape
{
    public FallbackShape(Shape primary, Shape secondary)
    {
        Primary = primary;
        Secondary = secondary;
    }

    public Shape Primary { get; }

    public Shape Secondary { get; }
}
