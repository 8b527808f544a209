using Microsoft.CodeAnalysis;

namespace LlmCallAnalyzers.Analyzers.Analysis;

/// <summary>A local function calling itself: unbounded unless the containing method declares [FanOut].</summary>
internal sealed class LocalRecursionShape : Shape
{
    public LocalRecursionShape(Location location, string name)
    {
        Location = location;
        Name = name;
    }

    public Location Location { get; }

    public string Name { get; }
}
