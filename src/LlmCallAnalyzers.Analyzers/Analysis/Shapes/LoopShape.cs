using Microsoft.CodeAnalysis;

namespace LlmCallAnalyzers.Analyzers.Analysis;

internal sealed class LoopShape : Shape
{
    public LoopShape(Shape body, LoopBound bound, Location location, string? origin = null)
    {
        Body = body;
        Bound = bound;
        Location = location;
        Origin = origin;
    }

    public Shape Body { get; }

    public LoopBound Bound { get; }

    public Location Location { get; }

    /// <summary>The loop and what bounds it, as a report shows it: <c>for i &lt; 4</c>, <c>foreach over string[] (size unknown)</c>.</summary>
    public string? Origin { get; }

    /// <summary><see cref="Origin"/>, else the bound's own source.</summary>
    public string? Describe() => Origin ?? Bound.Source;
}
